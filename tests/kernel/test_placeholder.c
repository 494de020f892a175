/* placeholder */ int mmsim_placeholder_ktest;
