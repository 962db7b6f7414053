#pragma once

#include "cli/commandline.h"

namespace sockscope {

// Headless --import: prints a saved session's events as headless lines and,
// with --export, writes it in another format. Returns the exit code.
int printImportedSession(const CommandLine& commandLine);

} // namespace sockscope
