// Recording while running: visible at once, stoppable, failures reported.
#include "enginerecorder.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlrecorder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

class tst_Recording : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startAndStopShowInTheStatsWhenIdle();
    void recordsEveryEventWhileRunning();
    void unwritablePathIsAnError();
};

void tst_Recording::startAndStopShowInTheStatsWhenIdle() {
    QTemporaryDir dir;
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const QString path = dir.filePath(QStringLiteral("idle.jsonl"));
    engine.startRecording(std::make_unique<JsonlRecorder>(path));
    QTRY_COMPARE(recorder.lastStats.recordingPath, path);
    engine.stopRecording();
    QTRY_COMPARE(recorder.lastStats.recordingPath, QString());
    QString error;
    const auto events = readJsonlSession(path, &error);
    QVERIFY2(events, qPrintable(error));
    QVERIFY(events->isEmpty());
}

void tst_Recording::recordsEveryEventWhileRunning() {
    QTemporaryDir dir;
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const QString path = dir.filePath(QStringLiteral("live.jsonl"));
    const int before = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(before) != 0);
    // What happened before is written first.
    engine.startRecording(std::make_unique<JsonlRecorder>(path));
    QTRY_COMPARE(recorder.lastStats.recordingPath, path);
    const int client =
        engine.startClient({"127.0.0.1", recorder.listenPort(before), "hi", true, 5000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Data, client));
    QTRY_VERIFY(recorder.lastStats.recordedBytes > 0);
    QString error;
    // Readable while the session runs: whole lines only, flushed per batch.
    const auto events = readJsonlSession(path, &error);
    QVERIFY2(events, qPrintable(error));
    QCOMPARE(events->first().kind, EventKind::Listen);
    QVERIFY(std::any_of(events->begin(), events->end(), [&](const CaptureEvent& e) {
        return e.kind == EventKind::Data && e.conn == client && e.data == "hi";
    }));
}

void tst_Recording::unwritablePathIsAnError() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    engine.startRecording(
        std::make_unique<JsonlRecorder>(QStringLiteral("/nonexistent-dir/x.jsonl")));
    QTRY_VERIFY(recorder.has(EventKind::Error, 0));
    const CaptureEvent error = *recorder.find(EventKind::Error, 0);
    QCOMPARE(error.error, ErrorCode::RecordFailed);
    QVERIFY2(error.message.contains(QStringLiteral("/nonexistent-dir/x.jsonl")),
             qPrintable(error.message));
    QCOMPARE(recorder.lastStats.recordingPath, QString());
}

QTEST_GUILESS_MAIN(tst_Recording)
#include "tst_recording.moc"
