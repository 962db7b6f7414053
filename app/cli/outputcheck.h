#pragma once

#include "cli/commandline.h"

#include <QString>

namespace sockscope {

// Whether a file can be written at path, asked before a run starts: a typo
// in --export found only at exit would lose the whole session. Empty when
// it can; otherwise why not, naming the folder or file and the errno.
QString outputPathProblem(const QString& path);

// The first output of the command line that cannot be written, with its
// option ("--export: ..."); empty when all can. The window ignores --export,
// so only a headless run has it checked.
QString commandLineOutputProblem(const CommandLine& commandLine);

} // namespace sockscope
