// A repeat through a real engine connection to a raw-socket peer: the count
// arrives, Stop stops it, a closed peer ends it, and a peer that does not
// read holds the next sends back instead of piling them up.
#include "enginerecorder.h"
#include "rawpeer.h"
#include "repeatsender.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>

#include <memory>

using namespace sockscope;

class tst_RepeatSender final : public QObject {
    Q_OBJECT

private:
    struct Rig {
        Engine engine;
        EngineRecorder recorder{&engine};
        RawPeer listening;
        RawPeer peer;
        int conn = 0;
        RepeatSender sender;
        int sends = 0;
        qint64 handed = 0;
        qint64 written = 0;
        qint64 mostAhead = 0; // handed but not yet taken by the kernel, at worst
        std::unique_ptr<QSocketNotifier> reader;

        Rig() {
            QObject::connect(&sender, &RepeatSender::sendRequested, &engine,
                             [this](int c, const QByteArray& bytes) {
                                 ++sends;
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
            conn = engine.startClient(client);
            if (!QTest::qWaitFor([&] { return recorder.has(EventKind::Connected, conn); }, 10000))
                return false;
            peer = listening.accept();
            return peer.isValid();
        }
        void startReading() {
            reader = std::make_unique<QSocketNotifier>(peer.descriptor(), QSocketNotifier::Read);
            QObject::connect(reader.get(), &QSocketNotifier::activated, reader.get(),
                             [this] { peer.poll(); });
            peer.poll();
        }
    };

private Q_SLOTS:
    void sendsTheCountAtTheInterval() {
        Rig rig;
        QVERIFY(rig.connect());
        rig.startReading();
        QSignalSpy progressed(&rig.sender, &RepeatSender::progressed);
        QSignalSpy finished(&rig.sender, &RepeatSender::finished);
        QElapsedTimer clock;
        clock.start();
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, "ping\n", 5, 40, &error));
        QCOMPARE(rig.sends, 1); // the first at once
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(clock.elapsed() >= 4 * 40 - 10); // four intervals between five sends
        QVERIFY(finished.at(0).at(1).toBool());
        QVERIFY(finished.at(0).at(0).toString().contains(QStringLiteral("#%1").arg(rig.conn)));
        QCOMPARE(progressed.constLast().at(0).toInt(), 5);
        QCOMPARE(progressed.constLast().at(1).toInt(), 5);
        QTRY_COMPARE(rig.peer.received, QByteArray("ping\n").repeated(5));
        QVERIFY(!rig.sender.isRunning());
    }

    void stopStops() {
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &RepeatSender::finished);
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, "x", 1000, 10, &error));
        QVERIFY(!rig.sender.start({rig.conn}, "y", 2, 10, &error)); // one at a time
        QTRY_VERIFY(rig.sends >= 3);
        rig.sender.stop();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!finished.at(0).at(1).toBool());
        QVERIFY(finished.at(0).at(0).toString().startsWith(u"Stopped after"));
        const int sent = rig.sends;
        // A timer that kept running would send again within 10 ms.
        QVERIFY(!QTest::qWaitFor([&] { return rig.sends > sent; }, 200));
    }

    void endsWhenTheConnectionCloses() {
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &RepeatSender::finished);
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, "tick\n", 1000, 20, &error));
        rig.peer.close();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!finished.at(0).at(1).toBool());
        const QString message = finished.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("#%1").arg(rig.conn)), qPrintable(message));
        QVERIFY(rig.sends < 1000);
    }

    void aPeerThatDoesNotReadHoldsItBack() {
        Rig rig;
        QVERIFY(rig.connect());
        QSignalSpy finished(&rig.sender, &RepeatSender::finished);
        const QByteArray message(1024 * 1024, 'm');
        constexpr int count = 40;
        QString error;
        QVERIFY(rig.sender.start({rig.conn}, message, count, 0, &error));
        // The kernel's buffers hold a few MiB; then sends wait for it.
        QVERIFY(!QTest::qWaitFor([&] { return rig.sends == count; }, 300));
        QVERIFY(rig.written > 0);
        rig.startReading();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(finished.at(0).at(1).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(rig.peer.received.size(), count * message.size(), 10000);
        QVERIFY2(rig.mostAhead <= RepeatSender::kMaxOutstanding + message.size(),
                 qPrintable(QString::number(rig.mostAhead)));
    }
};

QTEST_MAIN(tst_RepeatSender)
#include "tst_repeatsender.moc"
