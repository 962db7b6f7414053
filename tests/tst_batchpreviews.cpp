// Batches that leave the engine thread carry only a preview of each large
// payload; the store and the --record stream keep every byte.
#include "enginerecorder.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlrecorder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

namespace {
QByteArray pattern(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i % 251); // a prime: no chunk boundary lines up with it
    return bytes;
}
} // namespace

class tst_BatchPreviews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void largeChunksArriveAsPreviews();
};

void tst_BatchPreviews::largeChunksArriveAsPreviews() {
    QTemporaryDir dir;
    const QString recording = dir.filePath(QStringLiteral("flood.jsonl"));
    Engine engine; // own thread, as in the application: batches cross threads
    EngineRecorder recorder(&engine);
    engine.startRecording(std::make_unique<JsonlRecorder>(recording));
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    const QByteArray payload = pattern(512 * 1024);
    const int client =
        engine.startClient({"127.0.0.1", recorder.listenPort(listener), payload, false, 5000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, listener));
    const int accepted = recorder.find(EventKind::Accept, -1, listener)->conn;
    QTRY_COMPARE(recorder.bytes(accepted, Direction::In), payload.size());
    QTRY_COMPARE(recorder.bytes(client, Direction::Out), payload.size());

    for (const auto& [conn, direction] :
         {std::pair{accepted, Direction::In}, {client, Direction::Out}}) {
        qsizetype offset = 0;
        bool sawPreview = false;
        for (const CaptureEvent& e : std::as_const(recorder.events)) {
            if (e.kind != EventKind::Data || e.conn != conn || e.dir != direction)
                continue;
            QCOMPARE(e.data.size(), std::min(e.size, qint64(Engine::kPreviewBytes)));
            QCOMPARE(e.isPreview(), e.size > Engine::kPreviewBytes);
            QCOMPARE(e.data, payload.mid(offset, e.data.size()));
            // The store has the whole chunk, found by its seq.
            const std::optional<QByteArray> stored = engine.store().payload(e.conn, e.seq);
            QVERIFY(stored);
            QCOMPARE(*stored, payload.mid(offset, e.size));
            offset += e.size;
            sawPreview = sawPreview || e.isPreview();
        }
        QVERIFY2(sawPreview, "no chunk was larger than a preview");
        QCOMPARE(recorder.stream(conn, direction), payload);
    }

    // The recording is the session's, not the batches': whole payloads.
    const auto recorded = [&] {
        QByteArray in;
        QString error;
        const auto events = readJsonlSession(recording, &error);
        for (const CaptureEvent& e : events.value_or(EventBatch{})) {
            if (e.kind == EventKind::Data && e.conn == accepted)
                in += e.data;
        }
        return in;
    };
    QTRY_COMPARE(recorded(), payload);
}

QTEST_GUILESS_MAIN(tst_BatchPreviews)
#include "tst_batchpreviews.moc"
