// A file goes out a chunk at a time through a real engine connection to a
// raw-socket peer: byte-exact, never more than a bounded amount handed to
// the engine ahead of the kernel, and a cancel or a closed peer ends it.
#include "enginerecorder.h"
#include "filesender.h"
#include "rawpeer.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace sockscope;

namespace {
constexpr qint64 kMiB = 1024 * 1024;

// Random bytes, so that a chunk sent twice or out of order shows in the hash.
QByteArray randomBytes(qint64 size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator(seed).fillRange(reinterpret_cast<quint32*>(bytes.data()),
                                     size / qint64(sizeof(quint32)));
    return bytes;
}
} // namespace

class tst_FileSender final : public QObject {
    Q_OBJECT

private:
    // An engine client connected to a raw peer, the sender wired to both.
    struct Rig {
        Engine engine;
        EngineRecorder recorder{&engine};
        RawPeer listening;
        RawPeer peer;
        int conn = 0;
        FileSender sender;
        qint64 handed = 0;
        qint64 written = 0;
        qint64 mostAhead = 0; // handed but not yet taken by the kernel, at worst
        std::unique_ptr<QSocketNotifier> reader;

        Rig() {
            QObject::connect(&sender, &FileSender::sendRequested, &engine,
                             [this](int c, const QByteArray& bytes) {
                                 handed += bytes.size();
                                 mostAhead = qMax(mostAhead, handed - written);
                                 engine.send(c, bytes);
                             });
            QObject::connect(&engine, &Engine::batchReady, &sender,
                             [this](const EventBatch& events) {
                                 for (const CaptureEvent& e : events) {
                                     if (e.kind == EventKind::Data && e.dir == Direction::Out)
                                         written += e.size;
                                 }
                                 sender.observe(events);
                             });
        }
        bool connect() {
            quint16 port = 0;
            listening = RawPeer::listenOnLoopback(&port);
            ClientConfig client;
            client.host = QStringLiteral("127.0.0.1");
            client.port = port;
            client.keep.mode = KeepPolicy::Mode::None; // nothing to keep on disk
            conn = engine.startClient(client);
            if (!QTest::qWaitFor([&] { return recorder.has(EventKind::Connected, conn); }, 10000))
                return false;
            peer = listening.accept();
            return peer.isValid();
        }
        // The peer reads whenever there is something to read.
        void startReading() {
            reader = std::make_unique<QSocketNotifier>(peer.descriptor(), QSocketNotifier::Read);
            QObject::connect(reader.get(), &QSocketNotifier::activated, reader.get(),
                             [this] { peer.poll(); });
            peer.poll();
        }
    };

    QTemporaryFile* fileWith(const QByteArray& bytes) {
        auto* file = new QTemporaryFile(this);
        if (!file->open() || file->write(bytes) != bytes.size() || !file->flush())
            return nullptr;
        return file;
    }

private Q_SLOTS:
    void sendsAWholeFileByteExact() {
        const QByteArray content = randomBytes(64 * kMiB + 3, 13);
        QTemporaryFile* file = fileWith(content);
        QVERIFY(file);
        Rig rig;
        QVERIFY(rig.connect());
        rig.startReading();
        QSignalSpy finished(&rig.sender, &FileSender::finished);
        QSignalSpy progressed(&rig.sender, &FileSender::progressed);

        QString error;
        QVERIFY2(rig.sender.start({rig.conn}, file->fileName(), &error), qPrintable(error));
        QVERIFY(rig.sender.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(0).toString()));
        QVERIFY(finished.at(0).at(0).toString().contains(QFileInfo(file->fileName()).fileName()));
        QVERIFY(!rig.sender.isRunning());
        QCOMPARE(progressed.constLast().at(0).toLongLong(), content.size());
        QCOMPARE(progressed.constLast().at(1).toLongLong(), content.size());

        QTRY_COMPARE_WITH_TIMEOUT(rig.peer.received.size(), content.size(), 10000);
        QCOMPARE(QCryptographicHash::hash(rig.peer.received, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(content, QCryptographicHash::Sha256));
        // Never the whole file at once: at most the bound and one chunk ahead.
        QVERIFY2(rig.mostAhead <= FileSender::kMaxOutstanding + FileSender::kChunkBytes,
                 qPrintable(QString::number(rig.mostAhead)));
    }

    void cancelStopsSending() {
        const QByteArray content = randomBytes(32 * kMiB, 7);
        QTemporaryFile* file = fileWith(content);
        QVERIFY(file);
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &FileSender::finished);
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, file->fileName(), &error));
        // The peer reads nothing: the kernel's buffers fill and it waits.
        QTRY_VERIFY(rig.written > 0 && rig.written == rig.recorder.bytes(rig.conn, Direction::Out));
        const qint64 handedBefore = rig.handed;
        QVERIFY(handedBefore < content.size());

        rig.sender.cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!finished.at(0).at(1).toBool());
        QVERIFY(finished.at(0).at(0).toString().startsWith(u"Cancelled"));
        // What was handed still arrives, and nothing after it.
        rig.startReading();
        QTRY_COMPARE_WITH_TIMEOUT(rig.peer.received.size(), handedBefore, 20000);
        QCOMPARE(rig.handed, handedBefore);
        QVERIFY(rig.peer.received == content.first(handedBefore));
        rig.sender.observe({}); // a later batch hands nothing more either
        QCOMPARE(rig.handed, handedBefore);
    }

    void aClosedPeerEndsItWithTheReason() {
        QTemporaryFile* file = fileWith(randomBytes(32 * kMiB, 3));
        QVERIFY(file);
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &FileSender::finished);
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, file->fileName(), &error));
        QTRY_VERIFY(rig.written > 0);
        // Closing with unread data resets the connection.
        rig.peer.close();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!finished.at(0).at(1).toBool());
        const QString message = finished.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("#%1").arg(rig.conn)), qPrintable(message));
        QVERIFY2(message.contains(u"ECONNRESET") || message.contains(u"EPIPE") ||
                     message.contains(u"closed"),
                 qPrintable(message));
    }

    void aFileThatShrinksEndsItClearly() {
        const QByteArray content = randomBytes(16 * kMiB, 5);
        QTemporaryFile* file = fileWith(content);
        QVERIFY(file);
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &FileSender::finished);
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, file->fileName(), &error));
        QVERIFY(rig.handed < 4 * kMiB); // read as it goes, not at once
        QVERIFY(file->resize(4 * kMiB));
        rig.startReading();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(!finished.at(0).at(1).toBool());
        QVERIFY2(finished.at(0).at(0).toString().contains(u"shrank"),
                 qPrintable(finished.at(0).at(0).toString()));
    }

    void refusesWhatItCannotSend_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << "/nonexistent/x.bin"
                                 << "/nonexistent/x.bin";
        QTest::newRow("empty") << ""
                               << "empty";
        // It said "empty" for /dev/zero, and opening a FIFO froze the window.
        QTest::newRow("device") << "/dev/zero"
                                << "a character device";
        QTest::newRow("fifo") << "fifo"
                              << "a FIFO";
    }
    void refusesWhatItCannotSend() {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        QTemporaryFile empty;
        QVERIFY(empty.open());
        QTemporaryDir dir;
        if (path == u"fifo") {
            path = dir.filePath(path);
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        }
        FileSender sender;
        QString error;
        QVERIFY(!sender.start({1}, path.isEmpty() ? empty.fileName() : path, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!sender.isRunning());
    }
};

QTEST_MAIN(tst_FileSender)
#include "tst_filesender.moc"
