// The sockscope executable: the window by default, or --headless for scripts.
#include "base/version.h"
#include "cli/commandline.h"
#include "cli/headlessrunner.h"
#include "cli/importedsession.h"
#include "cli/localcaexport.h"
#include "cli/outputcheck.h"
#include "cli/replayrun.h"
#include "cli/scenariorun.h"
#include "cli/signalwatcher.h"
#include "engine/engine.h"
#include "formats/jsonlrecorder.h"
#include "mainwindow.h"
#include "noticebanner.h"
#include "preferences.h"
#include "system/socketlisting.h"
#include "translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <cstdio>
#include <malloc.h>
#include <memory>

using namespace sockscope;

namespace {

// Reads of up to 256 KiB sit above glibc's default mmap threshold (128 KiB):
// each was a fresh mmap, page-faulted in and unmapped again once the store
// had written it. Kept in the heap they are reused instead, which halved
// the page faults of a 1 GiB flood. Set here, once, before any thread
// starts: the setting is the whole process's, so an Engine constructor that
// set it made the last engine built win, and raced with threads already
// allocating. The bench programs that build an Engine without this main()
// (engine_server, gui_probe) do the same.
void keepReadBuffersInHeap() {
    constexpr int kChunkCeiling = 4 * 1024 * 1024;
    mallopt(M_MMAP_THRESHOLD, kChunkCeiling);
    mallopt(M_TRIM_THRESHOLD, 8 * kChunkCeiling);
}

ParseOutcome parseArguments(int& argc, char** argv) {
    // QCommandLineParser's help text needs an application object, but the
    // GUI one must not exist before we know it is wanted: without a display
    // it aborts, so `sockscope --bogus` over ssh would crash, not explain.
    const QCoreApplication parsing(argc, argv);
    return parseCommandLine(QCoreApplication::arguments());
}

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("SockScope"));
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
}

int runHeadless(QCoreApplication& app, const CommandLine& commandLine) {
    if (commandLine.listSockets)
        return listSystemSockets(stdout, stderr);
    if (!commandLine.importPath.isEmpty())
        return printImportedSession(commandLine);
    if (!commandLine.replayPath.isEmpty())
        return runReplay(commandLine);
    if (!commandLine.scenarioPath.isEmpty())
        return runScenario(commandLine);
    SignalWatcher signalWatcher; // before the engine thread starts, so it inherits the mask
    HeadlessRunner runner(commandLine);
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &runner,
                     &HeadlessRunner::stop);
    QObject::connect(&runner, &HeadlessRunner::finished, &app, &QCoreApplication::exit);
    runner.start();
    return app.exec();
}

int runWindow(QApplication& app, const CommandLine& given) {
    installTranslations(&app);
    // Only the window reads its preferences; the command line overrides them.
    QString preferencesNotice;
    const CommandLine commandLine = withPreferences(given, Preferences::load(), &preferencesNotice);
    overrideDefaultKeepPolicy(given.keep);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.sockscope.SockScope"));
    Engine engine(commandLine.capture);
    MainWindow window(&engine);
    window.show();
    if (!preferencesNotice.isEmpty())
        window.noticeBanner()->showNotice(preferencesNotice);
    if (!commandLine.recordPath.isEmpty())
        engine.startRecording(std::make_unique<JsonlRecorder>(commandLine.recordPath));
    if (!commandLine.tlsKeyLogPath.isEmpty())
        engine.setTlsKeyLog(commandLine.tlsKeyLogPath);
    // Through the window, so a failed --listen gets the same "use any free port" offer.
    for (const ListenerConfig& config : commandLine.listeners)
        window.startListener(config);
    for (const ClientConfig& config : commandLine.clients)
        window.startClient(config);
    // In a window of its own, beside the live one; a bad file is explained there.
    if (!commandLine.importPath.isEmpty())
        window.openSession(commandLine.importPath);
    return app.exec();
}

} // namespace

int main(int argc, char** argv) {
    keepReadBuffersInHeap();
    setIdentity();
    const ParseOutcome outcome = parseArguments(argc, argv);
    std::fputs(qPrintable(outcome.output), stdout);
    std::fputs(qPrintable(outcome.error), stderr);
    if (!outcome.commandLine)
        return outcome.exitCode;
    // Now, not at exit: a bad --export path must not cost the whole session.
    if (const QString problem = commandLineOutputProblem(*outcome.commandLine);
        !problem.isEmpty()) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(problem));
        return 2;
    }
    if (const QString path = outcome.commandLine->exportCaPath; !path.isEmpty()) {
        QString error;
        if (!exportLocalCa(path, &error)) {
            std::fprintf(stderr, "sockscope: --export-ca: %s\n", qPrintable(error));
            return 1;
        }
        if (outcome.commandLine->doesNothingElse())
            return 0;
    }
    if (outcome.commandLine->headless) {
        QCoreApplication app(argc, argv);
        return runHeadless(app, *outcome.commandLine);
    }
    QApplication app(argc, argv);
    return runWindow(app, *outcome.commandLine);
}
