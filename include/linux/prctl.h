/*
 * linux/prctl.h (2.6.20 subset): the prctl(2) options mmsim models, those
 * that decide what a uid change does to the capabilities.
 */
#ifndef _LINUX_PRCTL_H
#define _LINUX_PRCTL_H

/* Get/set whether or not to drop capabilities on setuid() away from uid 0 */
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8

#endif
