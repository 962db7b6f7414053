#pragma once

#include "base/endpoint.h"
#include "capture/capturestore.h"
#include "cli/replayplayer.h"
#include "engine/config.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sockscope {

// Everything the command line asks for. The options are a public interface
// (scripts depend on them): add, never rename.
struct CommandLine {
    bool headless = false;
    bool listSockets = false; // print the machine's TCP sockets and exit (implies headless)
    QList<ListenerConfig> listeners;
    QList<ClientConfig> clients;
    QString exportPath;
    QString recordPath;         // stream JSON Lines while running
    QString importPath;         // a saved JSON Lines session to show (or convert with --export)
    double durationSeconds = 0; // 0: run until interrupted (headless) or closed
    // Budget and folder stay kAutoBudget and empty unless given, so that
    // the window's preferences can fill them in (headless runs never do).
    CaptureOptions capture;
    std::optional<KeepPolicy> keep; // --keep, already applied to listeners and clients
    QString tlsKeyLogPath;          // --tls-keylog: NSS key log lines are appended here
    QString exportCaPath;           // --export-ca: the local CA's certificate is written here
    QString replayPath;             // --replay: a saved session played against replay.host
    ReplayOptions replay;
    QString diffReportPath;                 // --diff-report: --replay's or --run's results as JSON
    QString scenarioPath;                   // --run: a scenario file (docs/scenario-format.md)
    std::optional<HostPort> scenarioTarget; // --target with --run: replaces the file's address
    std::optional<int> scenarioTimeoutMs;   // --expect-timeout with --run: the default timeout_ms

    // Nothing to listen to, connect, import or list: --export-ca alone.
    bool doesNothingElse() const {
        return listeners.isEmpty() && clients.isEmpty() && importPath.isEmpty() &&
               replayPath.isEmpty() && scenarioPath.isEmpty() && !listSockets;
    }
};

struct ParseOutcome {
    std::optional<CommandLine> commandLine; // empty: exit with exitCode
    int exitCode = 0;                       // 0 after --help/--version, 2 for bad arguments
    QString output;                         // text for stdout (help, version)
    QString error;                          // text for stderr
};

ParseOutcome parseCommandLine(const QStringList& arguments);

} // namespace sockscope
