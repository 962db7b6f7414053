#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace sockscope {

// Makes the calling thread `steps` nicer (at most 19), so that it yields to
// the process's other threads. Linux keeps a nice value per thread, set
// through its thread id with PRIO_PROCESS. Best effort: where it is
// refused, the thread merely competes as before.
inline void makeThisThreadNicer(int steps) {
    const id_t self = id_t(::gettid());
    ::setpriority(PRIO_PROCESS, self, std::min(::getpriority(PRIO_PROCESS, self) + steps, 19));
}

} // namespace sockscope
