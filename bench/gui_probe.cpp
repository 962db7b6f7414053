// Responsiveness of the real window under load. Runs SockScope's MainWindow
// (offscreen is fine) with one listener on 127.0.0.1:0, and a 5 ms timer in
// the GUI thread that records the longest gap between its ticks: any gap
// much over 5 ms is time the window could not react to input or repaint.
//
//   gui_probe [--respond discard] [--budget BYTES]
//
// Prints, each flushed:
//   first_paint main_ms=X mono_ns=N   the window's first paint event, and the
//                                     return to the event loop after it
//   listening 127.0.0.1:PORT
//   gap name=NAME max_ms=X over50=N ticks=N   for each "mark NAME" line read
//                                     on stdin: the interval since the last mark
// At EOF on stdin: closes everything, waits until the last batch has been
// applied to the window's models (plus 300 ms of painting), then prints
// "gap name=load ..." for that interval and "stats ..." (with the longest
// MainWindow::applyBatch call, max_apply_ms) and exits.
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/trafficmodel.h"
#include "net/engine.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QSocketNotifier>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <unistd.h>

using namespace sockscope;

namespace {

qint64 monoNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 parseBytes(QString text) {
    qint64 unit = 1;
    if (text.endsWith(u'K') || text.endsWith(u'M') || text.endsWith(u'G')) {
        unit = text.endsWith(u'K') ? 1024 : text.endsWith(u'M') ? 1024 * 1024 : 1024 * 1024 * 1024;
        text.chop(1);
    }
    return text.toLongLong() * unit;
}

// Longest gap between ticks of a 5 ms timer, per interval.
class StallProbe final : public QObject {
public:
    StallProbe() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 t = monoNs();
            const qint64 gap = t - m_last;
            m_last = t;
            m_max = std::max(m_max, gap);
            m_over50 += gap > 50'000'000 ? 1 : 0;
            ++m_ticks;
        });
    }
    void start() {
        m_last = monoNs();
        m_timer.start();
    }
    void report(const char* name) {
        // The gap still open counts too: a stall in progress is a stall.
        const qint64 open = monoNs() - m_last;
        std::printf("gap name=%s max_ms=%.1f over50=%lld ticks=%lld\n", name,
                    double(std::max(m_max, open)) / 1e6, m_over50, m_ticks);
        std::fflush(stdout);
        m_max = 0;
        m_over50 = 0;
        m_ticks = 0;
    }

private:
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_max = 0;
    qint64 m_over50 = 0;
    qint64 m_ticks = 0;
};

// The first paint of any widget of the window.
class FirstPaint final : public QObject {
public:
    FirstPaint(QWidget* window, qint64 mainNs, std::function<void()> then)
        : m_window(window)
        , m_mainNs(mainNs)
        , m_then(std::move(then)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == m_window) {
            m_seen = true;
            // Report once this paint pass is over and the loop runs again.
            QTimer::singleShot(0, this, [this] {
                const qint64 t = monoNs();
                std::printf("first_paint main_ms=%.1f mono_ns=%lld\n", double(t - m_mainNs) / 1e6,
                            t);
                std::fflush(stdout);
                m_then();
            });
        }
        return false;
    }

private:
    QWidget* m_window;
    qint64 m_mainNs;
    std::function<void()> m_then;
    bool m_seen = false;
};

int countRows(const QAbstractItemModel* model, const QModelIndex& parent = {}) {
    int rows = model->rowCount(parent);
    int total = rows;
    for (int r = 0; r < rows; ++r)
        total += countRows(model, model->index(r, 0, parent));
    return total;
}

} // namespace

int main(int argc, char** argv) {
    const qint64 mainNs = monoNs();
    QApplication app(argc, argv);
    // Its own settings, so a bench run neither reads nor changes a user's.
    QCoreApplication::setOrganizationName(QStringLiteral("SockScopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_probe"));

    const QStringList args = app.arguments();
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    config.responder.kind = ResponderConfig::Kind::Discard;
    qint64 budget = 64ll * 1024 * 1024;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--respond") {
            QString error;
            const auto responder = ResponderConfig::parse(args[i + 1], &error);
            if (!responder) {
                std::fprintf(stderr, "gui_probe: %s\n", qPrintable(error));
                return 2;
            }
            config.responder = *responder;
        } else if (args[i] == u"--budget") {
            budget = parseBytes(args[i + 1]);
        }
    }

    Engine engine(budget, Engine::Threading::OwnThread);
    // Queued slots run in the order they were connected, so one connected
    // before the window's and one after bracket the window's applyBatch():
    // that tells model work apart from the painting that follows it.
    qint64 batchStartNs = 0;
    qint64 maxApplyNs = 0;
    qsizetype maxApplyEvents = 0;
    QObject::connect(&engine, &Engine::batchReady, &app,
                     [&](const EventBatch&, const SessionStats&) { batchStartNs = monoNs(); });
    MainWindow window(&engine);
    QObject::connect(&engine, &Engine::batchReady, &app,
                     [&](const EventBatch& events, const SessionStats&) {
                         const qint64 took = monoNs() - batchStartNs;
                         if (took > maxApplyNs) {
                             maxApplyNs = took;
                             maxApplyEvents = events.size();
                         }
                     });
    window.setConfirmQuit(false);
    window.resize(1300, 900);

    StallProbe probe;
    SessionStats lastStats;
    qint64 accepts = 0;
    qint64 batches = 0;
    QObject::connect(&engine, &Engine::batchReady, &app,
                     [&](const EventBatch& events, const SessionStats& stats) {
                         ++batches;
                         lastStats = stats;
                         for (const CaptureEvent& e : events) {
                             if (e.kind == EventKind::Listen) {
                                 std::printf("listening %s\n", qPrintable(e.local));
                                 std::fflush(stdout);
                             } else if (e.kind == EventKind::Accept) {
                                 ++accepts;
                             }
                         }
                     });

    qint64 eofNs = 0;
    QObject::connect(&engine, &Engine::shutdownComplete, &app, [&] {
        const qint64 caughtUpNs = monoNs();
        QTimer::singleShot(300, &app, [&, caughtUpNs] {
            probe.report("load");
            std::printf("stats accepts=%lld bytes_in=%lld dropped_events=%lld batches=%lld "
                        "catch_up_ms=%.1f traffic_rows=%d connection_rows=%d "
                        "max_apply_ms=%.1f max_apply_events=%lld\n",
                        accepts, lastStats.bytesIn, lastStats.dropped.events, batches,
                        double(caughtUpNs - eofNs) / 1e6, window.trafficModel()->rowCount(),
                        countRows(window.connectionsModel()), double(maxApplyNs) / 1e6,
                        qint64(maxApplyEvents));
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    });

    QByteArray stdinLine;
    QSocketNotifier stdinWatch(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinWatch, &QSocketNotifier::activated, &app, [&] {
        char chunk[256];
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n <= 0) {
            stdinWatch.setEnabled(false);
            eofNs = monoNs();
            engine.closeAll();
            return;
        }
        stdinLine.append(chunk, n);
        qsizetype newline;
        while ((newline = stdinLine.indexOf('\n')) >= 0) {
            const QByteArray line = stdinLine.left(newline).trimmed();
            stdinLine.remove(0, newline + 1);
            if (line.startsWith("mark "))
                probe.report(line.mid(5).constData());
        }
    });

    FirstPaint firstPaint(&window, mainNs, [&] {
        probe.start();
        window.startListener(config);
    });
    app.installEventFilter(&firstPaint);
    window.show();
    return app.exec();
}
