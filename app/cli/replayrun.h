#pragma once

namespace sockscope {

struct CommandLine;

// --replay: plays the saved session's conversations as their client against
// --target, prints one "replay" line per conversation, writes --diff-report,
// and returns the exit status: 0 all matched, 3 something differed, 1 the
// server could not be reached, 2 the file cannot be replayed.
int runReplay(const CommandLine& commandLine);

} // namespace sockscope
