/*
 * sim/scenario/boot.c - mmsim boot: build a machine from the command
 * line, boot the kernel on it and print /proc files, as one would look
 * at a freshly booted box.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <sim/kernel.h>

#include "../engine/engine.h"
#include "cli.h"

#define BOOT_PAGE_SIZE 4096ULL /* x86-64 PAGE_SIZE */

/* The /proc files sim_proc_show() knows, in the order --help gives. */
static const char *const proc_files[] = {
	"zoneinfo",
	"buddyinfo",
	"vmstat",
	"meminfo",
};

#define BOOT_DEFAULT_SHOW "zoneinfo,buddyinfo"

/* The options as given; parsed here so every error reads the same. */
struct boot_options {
	gchar *nodes;
	gchar *mem;
	gchar *cpus;
	gchar *distance;
	gchar *show;
};

static void boot_options_clear(struct boot_options *o)
{
	g_free(o->nodes);
	g_free(o->mem);
	g_free(o->cpus);
	g_free(o->distance);
	g_free(o->show);
}

static const char boot_description[] =
	"Boots the simulated kernel on a machine of NODES nodes with SIZE\n"
	"bytes of memory each, then prints /proc files (by default\n"
	"/proc/zoneinfo and /proc/buddyinfo), each after a line such as\n"
	"\"==> /proc/zoneinfo <==\".\n"
	"\n"
	"SIZE is a byte count or a number with a binary suffix: K, M, G, T\n"
	"or KiB, MiB, GiB, TiB (4G = 4 GiB).  It must be a multiple of the\n"
	"4096-byte page.  Node 0 holds ZONE_DMA (below 16 MiB) and\n"
	"ZONE_DMA32 (below 4 GiB); memory above 4 GiB is ZONE_NORMAL.\n"
	"\n"
	"TABLE is the ACPI SLIT: NODES rows separated by ';', each of NODES\n"
	"entries separated by ',' or blanks; 10 from a node to itself, 11\n"
	"to 254 to any other node.  The default is 10 local, 20 remote.\n"
	"\n"
	"Examples:\n"
	"  mmsim boot --nodes 2 --mem 64M\n"
	"  mmsim boot --nodes 4 --mem 4G --cpus 2 --show zoneinfo,vmstat\n"
	"  mmsim boot --nodes 2 --mem 1G --distance '10,21;21,10'\n"
	"\n"
	"Exit status: 0 booted, 2 usage error, 3 the kernel failed to boot\n"
	"or misbehaved, 4 the simulator failed.";

/*
 * Parse --show into names[] (pointers into proc_files[]); returns the
 * number of files or -1 after printing the error.
 */
static int parse_show(const char *text, const char **names, int max)
{
	g_auto(GStrv) items = g_strsplit(text, ",", -1);
	int nr = 0;
	int i;

	for (i = 0; items[i]; i++) {
		const char *item = g_strstrip(items[i]);
		gsize f;

		if (!*item) {
			cli_usage_error("boot", "--show: empty name in '%s'",
					text);
			return -1;
		}
		if (g_str_has_prefix(item, "/proc/"))
			item += strlen("/proc/");
		for (f = 0; f < G_N_ELEMENTS(proc_files); f++)
			if (!strcmp(item, proc_files[f]))
				break;
		if (f == G_N_ELEMENTS(proc_files)) {
			cli_usage_error("boot",
					"--show: no such file '%s' "
					"(choose from zoneinfo, buddyinfo, "
					"vmstat, meminfo)",
					items[i]);
			return -1;
		}
		if (nr == max) {
			cli_usage_error("boot", "--show: more than %d files",
					max);
			return -1;
		}
		names[nr++] = proc_files[f];
	}
	if (nr == 0) {
		cli_usage_error("boot",
				"--show: empty list (choose from "
				"zoneinfo, buddyinfo, vmstat, meminfo)");
		return -1;
	}
	return nr;
}

/*
 * sim_machine_validate() names the field of struct sim_machine_config it
 * rejects; say which option set it.
 */
static const char *option_of(const char *why)
{
	static const struct {
		const char *field;
		const char *option;
	} fields[] = {
		{"nr_nodes", "--nodes: "},
		{"cpus_per_node", "--cpus: "},
		{"distance", "--distance: "},
		{"mem", "--mem: "}, /* after the other fields */
	};
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(fields); i++)
		if (strstr(why, fields[i].field))
			return fields[i].option;
	return "";
}

/*
 * Turn the options into a machine; returns MMSIM_EXIT_OK or prints one
 * line and returns MMSIM_EXIT_USAGE.
 */
static int build_machine(const struct boot_options *o,
			 struct sim_machine_config *cfg)
{
	g_autoptr(GError) error = NULL;
	unsigned long long mem;
	long nodes, cpus = 1;
	char why[256];

	if (!o->nodes)
		return cli_usage_error("boot", "--nodes: required (e.g. "
					       "--nodes 2)");
	if (!o->mem)
		return cli_usage_error("boot", "--mem: required (e.g. "
					       "--mem 64M)");
	if (!cli_parse_int(o->nodes, 1, SIM_MAX_NODES, &nodes, &error))
		return cli_usage_error("boot", "--nodes: %s", error->message);
	if (!cli_parse_size(o->mem, &mem, &error))
		return cli_usage_error("boot", "--mem: %s", error->message);
	if (mem == 0)
		return cli_usage_error("boot", "--mem: must not be 0");
	if (mem % BOOT_PAGE_SIZE)
		return cli_usage_error("boot",
				       "--mem: %llu bytes is not a "
				       "multiple of the %llu-byte page",
				       mem, BOOT_PAGE_SIZE);
	if (o->cpus && !cli_parse_int(o->cpus, 1, SIM_MAX_CPUS, &cpus, &error))
		return cli_usage_error("boot", "--cpus: %s", error->message);
	if (nodes * cpus > SIM_MAX_CPUS)
		return cli_usage_error("boot",
				       "--cpus: %ld nodes of %ld CPUs "
				       "is more than the %d CPUs simulated",
				       nodes, cpus, SIM_MAX_CPUS);

	sim_machine_defaults(cfg, nodes, mem);
	cfg->cpus_per_node = cpus;
	if (o->distance &&
	    !cli_parse_distance(o->distance, nodes, cfg->distance, &error))
		return cli_usage_error("boot", "--distance: %s",
				       error->message);

	if (sim_machine_validate(cfg, why, sizeof(why)))
		return cli_usage_error("boot", "%s%s", option_of(why), why);
	return MMSIM_EXIT_OK;
}

static void emit_to_file(void *ctx, const char *text, unsigned long len)
{
	fwrite(text, 1, len, ctx);
}

/* "mmsim boot ARGS...", shell-quoted, for failure reports. */
static gchar *replay_command(int argc, char **argv)
{
	GString *cmd = g_string_new("mmsim");
	int i;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];

		g_string_append_c(cmd, ' ');
		/* Plain words stay plain: boot, --nodes, 64M. */
		if (arg[0] && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789-_=.,/:") == strlen(arg)) {
			g_string_append(cmd, arg);
		} else {
			g_autofree gchar *quoted = g_shell_quote(arg);

			g_string_append(cmd, quoted);
		}
	}
	return g_string_free(cmd, FALSE);
}

int mmsim_cmd_boot(int argc, char **argv)
{
	struct boot_options o = {0};
	GOptionEntry entries[] = {
		{"nodes", 'n', 0, G_OPTION_ARG_STRING, &o.nodes,
		 "Number of NUMA nodes, 1 to 64 (required)", "NODES"},
		{"mem", 'm', 0, G_OPTION_ARG_STRING, &o.mem,
		 "Memory per node, e.g. 64M or 4G (required)", "SIZE"},
		{"cpus", 'c', 0, G_OPTION_ARG_STRING, &o.cpus,
		 "CPUs per node (default 1; at most 256 in all)", "CPUS"},
		{"distance", 'd', 0, G_OPTION_ARG_STRING, &o.distance,
		 "SLIT node distances, e.g. '10,20;20,10'", "TABLE"},
		{"show", 's', 0, G_OPTION_ARG_STRING, &o.show,
		 "/proc files to print: zoneinfo, buddyinfo, vmstat, "
		 "meminfo, comma-separated (default zoneinfo,buddyinfo)",
		 "FILES"},
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *replay = replay_command(argc, argv);
	struct sim_machine_config *cfg = g_new0(struct sim_machine_config, 1);
	const char *show[G_N_ELEMENTS(proc_files) * 4];
	char why[256];
	int nr_show, i;
	int ret;

	g_set_prgname("mmsim boot");
	g_option_context_set_summary(ctx,
				     "Boot a simulated NUMA machine "
				     "running the Linux 2.6.20 memory manager "
				     "and print its /proc files.");
	g_option_context_set_description(ctx, boot_description);
	g_option_context_add_main_entries(ctx, entries, NULL);

	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("boot", "%s", error->message);
		goto out;
	}
	if (argc > 1) {
		ret = cli_usage_error("boot", "unexpected argument '%s'",
				      argv[1]);
		goto out;
	}
	ret = build_machine(&o, cfg);
	if (ret)
		goto out;
	nr_show = parse_show(o.show ? o.show : BOOT_DEFAULT_SHOW, show,
			     G_N_ELEMENTS(show));
	if (nr_show < 0) {
		ret = MMSIM_EXIT_USAGE;
		goto out;
	}

	sim_engine_init(0);
	sim_engine_set_replay_hint(replay);
	if (sim_kernel_boot(cfg, why, sizeof(why))) {
		fprintf(stderr, "mmsim boot: the kernel did not boot: %s\n",
			why);
		ret = MMSIM_EXIT_KERNEL;
		goto out;
	}

	/*
	 * Like tail with several files: a header, a blank line between.
	 * Flushed file by file: an oops exits without flushing stdio.
	 */
	for (i = 0; i < nr_show; i++) {
		printf("%s==> /proc/%s <==\n", i ? "\n" : "", show[i]);
		fflush(stdout);
		if (sim_proc_show(show[i], emit_to_file, stdout)) {
			fflush(stdout);
			fprintf(stderr,
				"mmsim boot: /proc/%s: not provided "
				"by the simulated kernel\n",
				show[i]);
			ret = MMSIM_EXIT_SIMULATOR;
			goto out;
		}
		fflush(stdout);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "mmsim boot: writing the output: %s\n",
			strerror(errno));
		ret = MMSIM_EXIT_SIMULATOR;
	}
out:
	g_free(cfg);
	boot_options_clear(&o);
	return ret;
}
