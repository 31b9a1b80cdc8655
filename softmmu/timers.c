/* placeholder: being written */
#include "softmmu/timers.h"
void time_virtual_pause(void) {}
void time_virtual_resume(void) {}
