/* placeholder: the timers helper replaces this file (see the runstate contract) */
#ifndef SOFTMMU_TIMERS_H
#define SOFTMMU_TIMERS_H
void time_virtual_pause(void);
void time_virtual_resume(void);
#endif
