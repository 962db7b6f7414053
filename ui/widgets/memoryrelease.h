#pragma once

namespace sockscope {

// Gives the memory the process has freed back to the system. Called after
// the person clears a list: a million traffic rows or ten thousand closed
// connections are freed as many small blocks, which malloc keeps for reuse
// instead of returning, so without this the process would stay as large
// as it was at its peak. A no-op where the C library cannot do it.
void releaseFreedMemory();

} // namespace sockscope
