// libFuzzer target: the command-line parser, with argv split from the
// input at newlines. Every command line gives exactly one outcome: a run,
// help or version text, or exit code 2 with a message; never a crash or
// undefined behaviour (UBSan is on).
#include "cli/commandline.h"

#include <QDir>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "commandline: %s\n", what);
    std::abort();
}

} // namespace

// File options (--send-file, --respond reply:FILE, --capture-dir) must not
// reach the machine's files: the target runs in an empty folder, and
// inputs naming a path with '/' are skipped.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static QTemporaryDir dir;
    if (!dir.isValid() || !QDir::setCurrent(dir.path()))
        fail("no empty folder to run in");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    if (bytes.contains('/'))
        return 0;
    QStringList arguments{QStringLiteral("sockscope")};
    for (const QByteArray& argument : bytes.toByteArray().split('\n'))
        arguments.append(QString::fromUtf8(argument));

    const sockscope::ParseOutcome outcome = sockscope::parseCommandLine(arguments);
    if (outcome.commandLine) {
        if (outcome.exitCode != 0 || !outcome.error.isEmpty() || !outcome.output.isEmpty())
            fail("a run that also fails or prints");
        const sockscope::CommandLine& cl = *outcome.commandLine;
        for (const sockscope::ClientConfig& client : cl.clients) {
            if (client.port == 0 || client.connectTimeoutMs <= 0 ||
                client.abortAfterMs.value_or(0) < 0)
                fail("a client the parser should have refused");
        }
        for (const sockscope::ListenerConfig& listener : cl.listeners) {
            if (listener.backlog < 0 || listener.backlog > 65535 ||
                listener.abortAfterMs.value_or(0) < 0)
                fail("a listener the parser should have refused");
        }
        if (cl.durationSeconds < 0)
            fail("a negative duration");
    } else if (outcome.exitCode == 0) {
        if (outcome.output.isEmpty() || !outcome.error.isEmpty())
            fail("an exit without help or version text");
    } else if (outcome.exitCode != 2 || outcome.error.isEmpty()) {
        fail("a refusal that is not exit code 2 with a message");
    }
    return 0;
}
