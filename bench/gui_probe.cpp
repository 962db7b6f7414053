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
// Other commands on stdin, one a line:
//   close      closes everything, waits until the last batch has been applied
//              to the window's models (plus 300 ms of painting), then prints
//              "gap name=load ..." for that interval and "stats ..." (with
//              max_apply_ms, the longest time the window's slot took for one
//              engine batch: since the window paces batches, its first slice)
//   fill N     feeds N one-chunk Data rows through the window's session source
//              in batches of 10,000, as fast as the window takes them, then
//              prints "gap name=fill ..." and "filled rows=N ms=X view_rows=N"
//   scroll N   drags the traffic view's scroll bar from top to bottom in N
//              steps, one per 10 ms (each step is painted before the next),
//              then prints "gap name=scroll ..." and "scrolled steps=N"
//   select biggest|smallest
//              selects the connection that carried the most (or fewest)
//              bytes, as a click in the connections list does, with the
//              Follow stream tab open, and paints it; prints "selected conn=N
//              bytes=N ms=X read=N" (ms: selecting and painting; read: payload
//              bytes read from the capture file for it)
//   wait BYTES waits until the accepted connections have carried BYTES in
//              all, as the window's batches tell, then prints "waited ms=X"
//   followscroll N
//              drags Follow stream's scroll bar from top to bottom in N steps,
//              each painted, then prints "followscrolled steps=N max_ms=X
//              read=N"
//   clear      triggers the window's "Clear closed" and "Clear traffic and
//              events" actions, lets 300 ms of painting pass, then prints
//              "cleared ms=X traffic_rows=N connection_rows=N event_rows=N"
//              (ms: how long the actions themselves took)
// At EOF on stdin: "close" if it was not sent, then exits.
#include "batchpacer.h"
#include "connectionspanel.h"
#include "detailtabs.h"
#include "engine/engine.h"
#include "followstreamview.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "sessionsource.h"
#include "trafficpanel.h"
#include "windowparts.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QScrollBar>
#include <QSocketNotifier>
#include <QTableView>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <malloc.h>
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
    // Starts a new interval without reporting the one before.
    void reset() {
        m_last = monoNs();
        m_max = 0;
        m_over50 = 0;
        m_ticks = 0;
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
    // As sockscope's main() does (ui/main.cpp, keepReadBuffersInHeap): reads
    // of up to 256 KiB kept in the heap rather than mmapped one by one.
    // Process-wide, so set once here, not by the Engine.
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
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

    CaptureOptions capture;
    capture.budget = budget;
    Engine engine(capture, Engine::Threading::OwnThread);
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
    QHash<int, qint64> bytesOf; // accepted connections' bytes, from the batches
    qint64 accepts = 0;
    qint64 batches = 0;
    QObject::connect(&engine, &Engine::batchReady, &app,
                     [&](const EventBatch& events, const SessionStats& stats) {
                         ++batches;
                         lastStats = stats;
                         for (const CaptureEvent& e : events) {
                             if (e.kind == EventKind::Listen) {
                                 std::printf("listening %s\n", qPrintable(e.local.toString()));
                                 std::fflush(stdout);
                             } else if (e.kind == EventKind::Accept) {
                                 ++accepts;
                                 bytesOf.insert(e.conn, 0);
                             } else if (e.kind == EventKind::Data) {
                                 bytesOf[e.conn] += e.size;
                             }
                         }
                     });

    // "close": everything closes; once the window has applied the last batch
    // (its pacer may still hold slices when the engine is done), the load
    // interval ends 300 ms later.
    qint64 closeNs = 0;
    bool closing = false;
    bool closed = false;
    bool eof = false;
    const auto reportLoad = [&](qint64 caughtUpNs) {
        QTimer::singleShot(300, &app, [&, caughtUpNs] {
            probe.report("load");
            std::printf("stats accepts=%lld bytes_in=%lld dropped_events=%lld batches=%lld "
                        "catch_up_ms=%.1f traffic_rows=%d connection_rows=%d "
                        "max_apply_ms=%.1f max_apply_events=%lld\n",
                        accepts, lastStats.bytesIn, lastStats.dropped.events, batches,
                        double(caughtUpNs - closeNs) / 1e6, parts::trafficModel(window)->rowCount(),
                        countRows(parts::connectionsModel(window)), double(maxApplyNs) / 1e6,
                        qint64(maxApplyEvents));
            std::fflush(stdout);
            closed = true;
            if (eof)
                QCoreApplication::exit(0);
        });
    };
    QObject::connect(&engine, &Engine::shutdownComplete, &app, [&] {
        BatchPacer* pacer = parts::batchPacer(window);
        if (pacer->isIdle()) {
            reportLoad(monoNs());
            return;
        }
        auto* once = new QObject(&app);
        QObject::connect(pacer, &BatchPacer::drained, once, [&, once] {
            delete once;
            reportLoad(monoNs());
        });
    });
    const auto closeAll = [&] {
        if (closing)
            return;
        closing = true;
        closeNs = monoNs();
        engine.closeAll();
    };

    // "fill N": synthetic one-chunk rows of a connection the engine never
    // had, with seqs far above the engine's, so the store's retention never
    // trims them. A batch is sent only when the window has taken the last
    // one, as the engine's 16 ms batches would be by a window keeping up.
    constexpr int kFillBatch = 10'000;
    constexpr int kFillConn = 1'000'000;
    qint64 fillTarget = 0;
    qint64 fillSent = 0;
    qint64 fillStartNs = 0;
    quint64 fillSeq = quint64(1) << 40;
    const QByteArray fillPayload("GET /index.html HTTP/1.1\r\n");
    QTimer fillTimer;
    fillTimer.setInterval(0);
    QObject::connect(&fillTimer, &QTimer::timeout, &app, [&] {
        const int rows = parts::trafficModel(window)->rowCount();
        if (rows < fillSent)
            return; // the window is still applying the last batch
        if (fillSent >= fillTarget) {
            fillTimer.stop();
            probe.report("fill");
            std::printf("filled rows=%d ms=%.1f view_rows=%d\n", rows,
                        double(monoNs() - fillStartNs) / 1e6,
                        parts::trafficPanel(window)->view()->model()->rowCount());
            std::fflush(stdout);
            return;
        }
        EventBatch batch;
        const qint64 n = std::min<qint64>(kFillBatch, fillTarget - fillSent);
        batch.reserve(n);
        for (qint64 i = 0; i < n; ++i) {
            CaptureEvent e;
            e.seq = fillSeq++;
            e.timeUs = currentTimeUs();
            e.kind = EventKind::Data;
            e.conn = kFillConn;
            e.dir = Direction::In;
            e.data = fillPayload;
            e.size = fillPayload.size();
            batch.append(e);
        }
        fillSent += n;
        SessionStats stats = lastStats;
        Q_EMIT parts::source(window)->batchReady(batch, stats);
    });

    // "scroll N": the scroll bar dragged from top to bottom, one step per
    // 10 ms, so every step is laid out and painted before the next.
    int scrollSteps = 0;
    int scrollStep = 0;
    QTimer scrollTimer;
    scrollTimer.setInterval(10);
    QObject::connect(&scrollTimer, &QTimer::timeout, &app, [&] {
        QScrollBar* bar = parts::trafficPanel(window)->view()->verticalScrollBar();
        if (scrollStep > scrollSteps) {
            scrollTimer.stop();
            probe.report("scroll");
            std::printf("scrolled steps=%d maximum=%d value=%d\n", scrollSteps, bar->maximum(),
                        bar->value());
            std::fflush(stdout);
            return;
        }
        bar->setValue(int(qint64(bar->maximum()) * scrollStep / scrollSteps));
        ++scrollStep;
    });

    // "clear": what a person does after the connections are over.
    const auto clearAll = [&] {
        const qint64 t0 = monoNs();
        for (const char* name : {"clearClosedAction", "clearTrafficAction"}) {
            auto* action = window.findChild<QAction*>(QLatin1String(name));
            if (action == nullptr) {
                std::printf("error no action %s\n", name);
                std::fflush(stdout);
                return;
            }
            action->trigger();
        }
        const qint64 took = monoNs() - t0;
        QTimer::singleShot(300, &app, [&, took] {
            std::printf("cleared ms=%.1f traffic_rows=%d connection_rows=%d event_rows=%d\n",
                        double(took) / 1e6, parts::trafficModel(window)->rowCount(),
                        countRows(parts::connectionsModel(window)),
                        parts::eventLogModel(window)->rowCount());
            std::fflush(stdout);
        });
    };

    // "select": what a click on a connection does, timed to its painted end.
    FollowStreamView* follow = parts::detailTabs(window)->followView();
    const auto selectConnection = [&](bool biggest) {
        int conn = 0;
        for (auto it = bytesOf.cbegin(); it != bytesOf.cend(); ++it) {
            if (conn == 0 ||
                (biggest ? it.value() > bytesOf.value(conn) : it.value() < bytesOf.value(conn)))
                conn = it.key();
        }
        // The tab that holds the view, whether it is the page or inside one.
        for (QWidget* w = follow; w != nullptr; w = w->parentWidget()) {
            if (const int tab = parts::detailTabs(window)->indexOf(w); tab >= 0) {
                parts::detailTabs(window)->setCurrentIndex(tab);
                break;
            }
        }
        const qint64 read0 = engine.store().bytesRead();
        const qint64 t0 = monoNs();
        parts::connectionsPanel(window)->selectConnection(conn);
        follow->viewport()->repaint();
        const qint64 took = monoNs() - t0;
        std::printf("selected conn=%d bytes=%lld ms=%.2f read=%lld\n", conn, bytesOf.value(conn),
                    double(took) / 1e6, engine.store().bytesRead() - read0);
        std::fflush(stdout);
    };
    qint64 waitFor = -1;
    qint64 waitStartNs = 0;
    QTimer waitTimer;
    waitTimer.setInterval(20);
    QObject::connect(&waitTimer, &QTimer::timeout, &app, [&] {
        qint64 total = 0;
        for (const qint64 bytes : std::as_const(bytesOf))
            total += bytes;
        if (total < waitFor)
            return;
        waitTimer.stop();
        std::printf("waited ms=%.1f\n", double(monoNs() - waitStartNs) / 1e6);
        std::fflush(stdout);
    });
    const auto scrollFollow = [&](int steps) {
        QScrollBar* bar = follow->verticalScrollBar();
        const qint64 read0 = engine.store().bytesRead();
        qint64 worst = 0;
        for (int step = 0; step <= steps; ++step) {
            const qint64 t0 = monoNs();
            bar->setValue(int(qint64(bar->maximum()) * step / steps));
            follow->viewport()->repaint();
            worst = std::max(worst, monoNs() - t0);
        }
        std::printf("followscrolled steps=%d max_ms=%.2f read=%lld\n", steps, double(worst) / 1e6,
                    engine.store().bytesRead() - read0);
        std::fflush(stdout);
    };

    QByteArray stdinLine;
    QSocketNotifier stdinWatch(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinWatch, &QSocketNotifier::activated, &app, [&] {
        char chunk[256];
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n <= 0) {
            stdinWatch.setEnabled(false);
            eof = true;
            if (closed)
                QCoreApplication::exit(0);
            closeAll();
            return;
        }
        stdinLine.append(chunk, n);
        qsizetype newline;
        while ((newline = stdinLine.indexOf('\n')) >= 0) {
            const QByteArray line = stdinLine.left(newline).trimmed();
            stdinLine.remove(0, newline + 1);
            if (line.startsWith("mark ")) {
                probe.report(line.mid(5).constData());
            } else if (line == "close") {
                closeAll();
            } else if (line.startsWith("fill ")) {
                fillTarget = line.mid(5).toLongLong();
                fillSent = parts::trafficModel(window)->rowCount();
                fillTarget += fillSent;
                fillStartNs = monoNs();
                probe.reset();
                fillTimer.start();
            } else if (line.startsWith("scroll ")) {
                scrollSteps = std::max(1, line.mid(7).toInt());
                scrollStep = 0;
                probe.reset();
                scrollTimer.start();
            } else if (line == "clear") {
                clearAll();
            } else if (line.startsWith("select ")) {
                selectConnection(line.mid(7) == "biggest");
            } else if (line.startsWith("wait ")) {
                waitFor = line.mid(5).toLongLong();
                waitStartNs = monoNs();
                waitTimer.start();
            } else if (line.startsWith("followscroll ")) {
                scrollFollow(std::max(1, line.mid(13).toInt()));
            }
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
