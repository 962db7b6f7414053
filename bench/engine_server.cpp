// SockScope's engine without a window and without the headless printer: the
// fairest "SockScope capture" figure. One Engine on its own thread, one
// listener on 127.0.0.1:0 with the given responder, capture on (payload kept
// up to the budget, every byte counted). The main thread only totals the
// batches, as a window or printer would receive them.
//
//   engine_server --respond discard|echo [--budget BYTES]
//
// Prints "listening 127.0.0.1:PORT" (flushed). When stdin reaches EOF it
// closes everything, waits for the last batch and prints one line
// "stats accepts=N closes=N bytes_in=N ..." with what the batches carried.
#include "engine/engine.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <cstdio>
#include <malloc.h>
#include <unistd.h>

using namespace sockscope;

namespace {

qint64 parseBytes(QString text) {
    qint64 unit = 1;
    if (text.endsWith(u'K') || text.endsWith(u'M') || text.endsWith(u'G')) {
        unit = text.endsWith(u'K') ? 1024 : text.endsWith(u'M') ? 1024 * 1024 : 1024 * 1024 * 1024;
        text.chop(1);
    }
    return text.toLongLong() * unit;
}

qint64 statusKb(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Totals {
    qint64 accepts = 0;
    qint64 closes = 0;
    qint64 errors = 0;
    qint64 dataEvents = 0;
    qint64 batches = 0;
    qint64 maxBatch = 0;
    SessionStats last;
};

} // namespace

int main(int argc, char** argv) {
    // As sockscope's main() does (ui/main.cpp, keepReadBuffersInHeap): reads
    // of up to 256 KiB kept in the heap rather than mmapped one by one.
    // Process-wide, so set once here, not by the Engine.
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    qint64 budget = 64ll * 1024 * 1024;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--respond") {
            QString error;
            const auto responder = ResponderConfig::parse(args[i + 1], &error);
            if (!responder) {
                std::fprintf(stderr, "engine_server: %s\n", qPrintable(error));
                return 2;
            }
            config.responder = *responder;
        } else if (args[i] == u"--budget") {
            budget = parseBytes(args[i + 1]);
        }
    }

    CaptureOptions capture;
    capture.budget = budget;
    Engine engine(capture, Engine::Threading::OwnThread);
    Totals totals;
    QObject::connect(&engine, &Engine::batchReady, &app,
                     [&totals](const EventBatch& events, const SessionStats& stats) {
                         ++totals.batches;
                         totals.maxBatch = std::max<qint64>(totals.maxBatch, events.size());
                         for (const CaptureEvent& e : events) {
                             switch (e.kind) {
                             case EventKind::Listen:
                                 std::printf("listening %s\n", qPrintable(e.local.toString()));
                                 std::fflush(stdout);
                                 break;
                             case EventKind::Accept:
                                 ++totals.accepts;
                                 break;
                             case EventKind::Close:
                                 totals.closes += e.conn != 0 ? 1 : 0;
                                 break;
                             case EventKind::Error:
                                 ++totals.errors;
                                 std::fprintf(stderr, "engine_server: %s\n", qPrintable(e.message));
                                 break;
                             case EventKind::Data:
                                 ++totals.dataEvents;
                                 break;
                             default:
                                 break;
                             }
                         }
                         totals.last = stats;
                     });
    QObject::connect(&engine, &Engine::shutdownComplete, &app, [&totals] {
        const SessionStats& s = totals.last;
        std::printf("stats accepts=%lld closes=%lld errors=%lld bytes_in=%lld bytes_out=%lld "
                    "data_events=%lld dropped_events=%lld dropped_bytes=%lld capture_used=%lld "
                    "batches=%lld max_batch=%lld vmhwm_kb=%lld\n",
                    totals.accepts, totals.closes, totals.errors, s.bytesIn, s.bytesOut,
                    totals.dataEvents, s.dropped.events, s.dropped.bytes, s.captureUsed,
                    totals.batches, totals.maxBatch, statusKb("VmHWM:"));
        std::fflush(stdout);
        QCoreApplication::quit();
    });

    QSocketNotifier stdinWatch(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinWatch, &QSocketNotifier::activated, &app, [&] {
        char sink[256];
        if (::read(STDIN_FILENO, sink, sizeof sink) <= 0) {
            stdinWatch.setEnabled(false);
            engine.closeAll();
        }
    });

    engine.startListener(config);
    return app.exec();
}
