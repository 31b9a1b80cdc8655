/* placeholder: being written */
#include "softmmu/timers.h"
void clock_virtual_pause(void) {}
void clock_virtual_resume(void) {}
