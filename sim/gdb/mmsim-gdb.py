# sim/gdb/mmsim-gdb.py - gdb commands for looking at the simulated kernel,
# named as the kernel's own scripts/gdb names them where the meaning is the
# same (lx-*), plus translate-vm.  Auto-loaded through the binary's
# .debug_gdb_scripts section (see README: add-auto-load-safe-path).
#
#   lx-ps                      the simulated tasks: pid, comm, mm
#   lx-pfn_to_page PFN         struct page * of a page frame
#   lx-page_to_pfn PAGE        page frame of a struct page *
#   lx-page_address PAGE       the kernel (host) address of its memory
#   lx-dump_page PAGE          dump_page(): counts, mapping, PG_* flags
#   translate-vm ADDR [PID]    walk a task's 4-level tables down to ADDR
#   mmsim-tasks                the scheduler's tasks: pid, state, what
#                              a blocked one waits on, where
#   mmsim-task PID [CMD]       run CMD (default: bt) on the stack of a
#                              seeded task switched out (a context), as
#                              if it were the running one
import gdb

PAGE_SHIFT = 12
PTE_MASK = 0x00003FFFFFFFF000
NODES_PGSHIFT = 58
ZONES_PGSHIFT = 56
ZONE_NAMES = ["DMA", "DMA32", "Normal"]
PG_NAMES = ["locked", "error", "referenced", "uptodate", "dirty", "lru",
            "active", "slab", "checked", "arch_1", "reserved", "private",
            "writeback", "nosave", "compound", "swapcache", "mappedtodisk",
            "reclaim", "nosave_free", "buddy"]
PTE_BITS = [(0, "present"), (1, "rw"), (2, "user"), (3, "pwt"), (4, "pcd"),
            (5, "accessed"), (6, "dirty"), (7, "pse"), (8, "global"),
            (63, "nx")]


def page_type():
    return gdb.lookup_type("struct page")


def mem_map():
    return int(gdb.parse_and_eval("(unsigned long)mem_map"))


def page_offset():
    return int(gdb.parse_and_eval("page_offset_base"))


def pfn_to_page(pfn):
    return mem_map() + pfn * page_type().sizeof


def page_to_pfn(page):
    return (page - mem_map()) // page_type().sizeof


def read_ulong(addr):
    return int(gdb.parse_and_eval("*(unsigned long *)%#x" % addr))


def tasks():
    head = gdb.parse_and_eval("&task_list_head")
    task_t = gdb.lookup_type("struct task_struct")
    offset = None
    for f in task_t.fields():
        if f.name == "tasks":
            offset = f.bitpos // 8
    node = head["next"]
    while int(node) != int(head):
        yield gdb.parse_and_eval("(struct task_struct *)%#x"
                                 % (int(node) - offset)).dereference()
        node = node["next"]


class LxPs(gdb.Command):
    """lx-ps: list the simulated tasks (pid, comm, mm)."""

    def __init__(self):
        super().__init__("lx-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("%6s %-16s %s" % ("PID", "COMM", "MM"))
        for t in tasks():
            print("%6d %-16s %#x" % (int(t["pid"]),
                                     t["comm"].string(), int(t["mm"])))


class LxPfnToPage(gdb.Command):
    """lx-pfn_to_page PFN: the struct page of a page frame number."""

    def __init__(self):
        super().__init__("lx-pfn_to_page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pfn = int(gdb.parse_and_eval(arg))
        print("(struct page *) %#x" % pfn_to_page(pfn))


class LxPageToPfn(gdb.Command):
    """lx-page_to_pfn PAGE: the page frame number of a struct page *."""

    def __init__(self):
        super().__init__("lx-page_to_pfn", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        page = int(gdb.parse_and_eval(arg))
        print("%#x" % page_to_pfn(page))


class LxPageAddress(gdb.Command):
    """lx-page_address PAGE: where the page's memory is (page_address)."""

    def __init__(self):
        super().__init__("lx-page_address", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        page = int(gdb.parse_and_eval(arg))
        print("%#x" % (page_offset() + (page_to_pfn(page) << PAGE_SHIFT)))


class LxDumpPage(gdb.Command):
    """lx-dump_page PAGE: counts, mapping, node, zone and PG_* flags."""

    def __init__(self):
        super().__init__("lx-dump_page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        addr = int(gdb.parse_and_eval(arg))
        page = gdb.parse_and_eval("*(struct page *)%#x" % addr)
        flags = int(page["flags"])
        names = [n for i, n in enumerate(PG_NAMES) if flags & (1 << i)]
        mapping = int(page["mapping"])
        kind = "anon_vma" if mapping & 1 else ("file" if mapping else "none")
        print("page:%#x pfn:%#x count:%d mapcount:%d mapping:%#x (%s) "
              "index:%#x" % (addr, page_to_pfn(addr),
                             int(page["_count"]["counter"]),
                             int(page["_mapcount"]["counter"]) + 1,
                             mapping, kind, int(page["index"])))
        print("node:%d zone:%s flags:%#x(%s)"
              % (flags >> NODES_PGSHIFT,
                 ZONE_NAMES[(flags >> ZONES_PGSHIFT) & 3],
                 flags & 0xffffffff, "|".join(names)))


class TranslateVm(gdb.Command):
    """translate-vm ADDR [PID]: walk the 4-level page tables of task PID
(default: the current task of the selected thread) down to ADDR, printing
each entry's raw value and decoded bits."""

    def __init__(self):
        super().__init__("translate-vm", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv:
            raise gdb.GdbError("usage: translate-vm ADDR [PID]")
        addr = int(gdb.parse_and_eval(argv[0]))
        if len(argv) > 1:
            pid = int(argv[1])
            task = next((t for t in tasks() if int(t["pid"]) == pid), None)
            if task is None:
                raise gdb.GdbError("no task with pid %d" % pid)
        else:
            task = gdb.parse_and_eval("sim_current_task").dereference()
        mm = task["mm"]
        if int(mm) == 0:
            raise gdb.GdbError("%s has no mm" % task["comm"].string())
        table = int(mm["pgd"])
        for name, shift in (("pgd", 39), ("pud", 30), ("pmd", 21),
                            ("pte", 12)):
            index = (addr >> shift) & 511
            entry = read_ulong(table + index * 8)
            bits = [n for b, n in PTE_BITS if entry & (1 << b)]
            print("%s[%3d] @%#x = %016x %s" % (name, index, table + index * 8,
                                             entry, " ".join(bits)))
            if not entry & 1:
                if name == "pte" and entry:
                    print("  not present: swap/migration entry type %d "
                          "offset %#x" % ((entry >> 1) & 0x3f, entry >> 8))
                return
            table = page_offset() + (entry & PTE_MASK)
        pfn = (entry & PTE_MASK) >> PAGE_SHIFT
        print("pfn %#x, struct page %#x, data at %#x" % (
            pfn, pfn_to_page(pfn), table + (addr & 0xfff)))


# The seeded scheduler's record (sim/engine/seeded.c: static S).
ENG_STATES = ["running", "runnable", "blocked", "exited"]
# ucontext's saved registers (sys/ucontext.h, x86-64 REG_*).
GREGS = [("r8", 0), ("r9", 1), ("r10", 2), ("r11", 3), ("r12", 4),
         ("r13", 5), ("r14", 6), ("r15", 7), ("rdi", 8), ("rsi", 9),
         ("rbp", 10), ("rbx", 11), ("rdx", 12), ("rax", 13), ("rcx", 14),
         ("rsp", 15), ("rip", 16)]


def scheduler():
    for sym in gdb.lookup_static_symbols("S"):
        val = sym.value()
        if val.type.code == gdb.TYPE_CODE_STRUCT and \
                "running" in [f.name for f in val.type.fields()]:
            return val
    raise gdb.GdbError("no seeded scheduler in this program")


def engine_tasks():
    s = scheduler()
    live = s["live"]
    if int(live) == 0:
        return
    stype = gdb.lookup_type("struct eng_stask").pointer()
    pdata = live["pdata"]
    for i in range(int(live["len"])):
        yield pdata[i].cast(stype).dereference()


class MmsimTasks(gdb.Command):
    """mmsim-tasks: the scheduler's tasks, their state and waits."""

    def __init__(self):
        super().__init__("mmsim-tasks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        running = int(scheduler()["running"])
        print("%6s %-16s %-9s %-8s %s" % ("PID", "NAME", "STATE", "STACK",
                                          "WAITS ON"))
        for st in engine_tasks():
            state = ENG_STATES[int(st["state"])] \
                if 0 <= int(st["state"]) < 4 else "?"
            if int(st.address) == running:
                state = "running"
            kind = "context" if int(st["coro"]) else "thread"
            what = ""
            if state == "blocked":
                what = "%s %s at %s" % (
                    st["what"].string() if int(st["what"]) else "?",
                    st["lock"].string() if int(st["lock"]) else "",
                    st["site"].string() if int(st["site"]) else "?")
            print("%6d %-16s %-9s %-8s %s" % (int(st["pid"]),
                                              st["name"].string(), state,
                                              kind, what))


class MmsimTask(gdb.Command):
    """mmsim-task PID [CMD]: run CMD (default bt) on a task's stack.

A seeded task that is switched out is a saved context (sim/engine/coro.c):
this loads its saved registers into the selected thread, runs CMD, and
puts the thread's own registers back."""

    def __init__(self):
        super().__init__("mmsim-task", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = arg.split(None, 1)
        if not argv:
            raise gdb.GdbError("usage: mmsim-task PID [CMD]")
        pid = int(gdb.parse_and_eval(argv[0]))
        cmd = argv[1] if len(argv) > 1 else "bt"
        running = int(scheduler()["running"])
        for st in engine_tasks():
            if int(st["pid"]) != pid:
                continue
            if int(st.address) == running or not int(st["coro"]):
                print("task %d is %s: its stack is a thread's own "
                      "(thread / bt)" % (pid, "running"
                                         if int(st.address) == running
                                         else "a host thread"))
                gdb.execute(cmd)
                return
            gregs = st["coro"]["ctx"]["uc_mcontext"]["gregs"]
            gdb.execute("frame 0", to_string=True)
            saved = {r: int(gdb.parse_and_eval("$" + r)) for r, _ in GREGS}
            try:
                for r, i in GREGS:
                    gdb.execute("set $%s = %d" % (r, int(gregs[i])))
                gdb.execute(cmd)
            finally:
                gdb.execute("frame 0", to_string=True)
                for r, _ in GREGS:
                    gdb.execute("set $%s = %d" % (r, saved[r]))
            return
        raise gdb.GdbError("no seeded task with pid %d" % pid)


for cmd in (LxPs, LxPfnToPage, LxPageToPfn, LxPageAddress, LxDumpPage,
            TranslateVm, MmsimTasks, MmsimTask):
    cmd()
