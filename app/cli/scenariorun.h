#pragma once

namespace sockscope {

struct CommandLine;

// --run: runs a scenario file on a connection of its own, prints one "step"
// line per step and a last "scenario" line, writes --diff-report, --export
// and --record if asked, and returns the exit status: 0 every step held,
// 3 a step failed, 1 the connection could not be made, 2 an unusable file.
int runScenario(const CommandLine& commandLine);

} // namespace sockscope
