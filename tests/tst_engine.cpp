// The Engine front door's own behaviour (the session's work is tested
// through it elsewhere): its thread yields to a window, once.
#include "engine/engine.h"
#include "enginerecorder.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <optional>

using namespace sockscope;

namespace {
// The nice value of this process's thread named name, from /proc (whose
// thread names are cut to 15 bytes).
std::optional<int> niceOfThread(const QByteArray& name) {
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs);
    for (const QString& tid : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name.left(15))
            continue;
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            return std::nullopt;
        const QByteArray line = stat.readAll();
        // Fields after "(comm)": state is field 3, nice is field 19.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        return fields.value(16).toInt();
    }
    return std::nullopt;
}

} // namespace

class tst_Engine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void engineThreadYieldsToTheWindowOnce() {
        Engine engine;
        QTRY_VERIFY(niceOfThread("sockscope-engine").has_value());
        const int before = *niceOfThread("sockscope-engine");
        // Linux caps nice at 19: a suite started with `nice -n 19` leaves
        // no room to yield into, and that says nothing about the engine.
        if (before + Engine::kWindowNice > 19)
            QSKIP("started too nice to yield further (nice is capped at 19)");
        engine.yieldToWindow();
        QTRY_COMPARE(niceOfThread("sockscope-engine").value_or(before),
                     before + Engine::kWindowNice);
        // A second window on the same engine does not push it further down.
        engine.yieldToWindow();
        // batchReady fires on the engine thread: the recorder lives on this
        // thread, so its connection is queued (a QSignalSpy would append on
        // the engine thread while this one reads it, which TSan reports).
        EngineRecorder recorder(&engine);
        engine.startListener(ListenerConfig{}); // posted after the second yield
        QTRY_VERIFY(recorder.batches > 0);
        QCOMPARE(*niceOfThread("sockscope-engine"), before + Engine::kWindowNice);
    }
};

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
