/* placeholder main: being written */
#include "util/osdep.h"
int main(void)
{
    return 0;
}
