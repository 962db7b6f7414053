#include "memoryrelease.h"

#include <cstdlib> // defines __GLIBC__ where it applies

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sockscope {

void releaseFreedMemory() {
#if defined(__GLIBC__)
    // Every arena, the engine thread's included.
    malloc_trim(0);
#endif
}

} // namespace sockscope
