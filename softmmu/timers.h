/* placeholder: the timers helper replaces this file (see the runstate contract) */
#ifndef SOFTMMU_TIMERS_H
#define SOFTMMU_TIMERS_H
void clock_virtual_pause(void);
void clock_virtual_resume(void);
#endif
