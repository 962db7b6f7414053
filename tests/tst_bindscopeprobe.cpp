// Where a listener binds decides who reaches it: probes from the machine's
// own addresses, against real listeners of each bind kind.
#include "base/endpoint.h"
#include "engine/bindscopeprobe.h"
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTest>

using namespace sockscope;

namespace {
// An address of this machine other than loopback, of the given family.
QHostAddress machineAddress(QAbstractSocket::NetworkLayerProtocol family) {
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress& address : all) {
        if (!address.isLoopback() && address.protocol() == family && !address.isLinkLocal())
            return address;
    }
    return {};
}

QHostAddress resolve(const QString& name) {
    if (name == u"machine4")
        return machineAddress(QAbstractSocket::IPv4Protocol);
    return QHostAddress(name);
}
} // namespace

class tst_BindScopeProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reachableWhereBound_data();
    void reachableWhereBound();
    void fullAcceptQueueTimesOut();
    void machineAddressesStartWithLoopback();

private:
    static QList<ProbeResult> probe(const CaptureEvent& listen, const QList<QHostAddress>& from,
                                    int timeoutMs = BindScopeProbe::kDefaultTimeoutMs);
};

QList<ProbeResult> tst_BindScopeProbe::probe(const CaptureEvent& listen,
                                             const QList<QHostAddress>& from, int timeoutMs) {
    if (listen.local.isNull())
        return {};
    BindScopeProbe probe(listen.local.hostAddress(), listen.local.port());
    probe.setAddresses(from);
    probe.setTimeoutMs(timeoutMs);
    QSignalSpy finished(&probe, &BindScopeProbe::finished);
    probe.start();
    if (!finished.wait(timeoutMs + 5000) || probe.isRunning())
        return {};
    return finished.constFirst().at(0).value<QList<ProbeResult>>();
}

void tst_BindScopeProbe::reachableWhereBound_data() {
    QTest::addColumn<QString>("bind");
    QTest::addColumn<QStringList>("from");
    QTest::addColumn<QStringList>("outcomes");
    QTest::addColumn<QList<bool>>("dualStack");
    QTest::newRow("localhost: this machine only")
        << "localhost" << QStringList{"127.0.0.1", "machine4"}
        << QStringList{"reachable", "refused"} << QList<bool>{false, false};
    QTest::newRow("any: every IPv4 address")
        << "any" << QStringList{"127.0.0.1", "machine4", "::1"}
        << QStringList{"reachable", "reachable", "refused"} << QList<bool>{false, false, false};
    QTest::newRow("any6: IPv6 and, dual stack, IPv4")
        << "any6" << QStringList{"127.0.0.1", "machine4", "::1"}
        << QStringList{"reachable", "reachable", "reachable"} << QList<bool>{true, true, false};
    QTest::newRow("::1: IPv6 loopback only")
        << "::1" << QStringList{"::1", "127.0.0.1"} << QStringList{"reachable", "refused"}
        << QList<bool>{false, false};
}

void tst_BindScopeProbe::reachableWhereBound() {
    QFETCH(QString, bind);
    QFETCH(QStringList, from);
    QFETCH(QStringList, outcomes);
    QFETCH(QList<bool>, dualStack);
    QList<QHostAddress> addresses;
    for (const QString& name : from)
        addresses << resolve(name);
    if (addresses.contains(QHostAddress()))
        QSKIP("this machine has no IPv4 address besides loopback");

    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = bind;
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Listen, 0, id));

    const QList<ProbeResult> results = probe(*recorder.find(EventKind::Listen, 0, id), addresses);
    QCOMPARE(results.size(), addresses.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        const ProbeResult& r = results[i];
        const QString where = r.address.toString();
        QCOMPARE(r.address, addresses[i]); // in the order asked
        QVERIFY2(
            probeOutcomeName(r.outcome) == outcomes[i],
            qPrintable(
                QStringLiteral("%1: %2 %3").arg(where, probeOutcomeName(r.outcome), r.message)));
        QCOMPARE(r.viaDualStack, dualStack[i]);
        if (r.outcome != ProbeResult::Outcome::Reachable) {
            QVERIFY(r.message.contains(u"ECONNREFUSED"));
            continue;
        }
        // The listener sees the probe come from the address it went to; an
        // IPv6 socket sees an IPv4 client as an IPv4-mapped address.
        QCOMPARE(r.seenAs, r.viaDualStack
                               ? QStringLiteral("[::ffff:%1]:%2").arg(where).arg(r.probePort)
                               : formatEndpoint(r.address, r.probePort));
        // It is a real connection: the session accepted it and saw the
        // probe's FIN (a manual listener leaves its own side open).
        const auto accepted = [&] {
            return recorder.find([&](const CaptureEvent& e) {
                return e.kind == EventKind::Accept && e.listener == id &&
                       e.peer.toString() == formatEndpoint(r.address, r.probePort);
            });
        };
        QTRY_VERIFY2(accepted(), qPrintable(r.seenAs));
        QTRY_VERIFY(recorder.find([&](const CaptureEvent& e) {
            return e.kind == EventKind::HalfClose && e.conn == accepted()->conn &&
                   e.by == Closer::Peer;
        }));
    }
}

void tst_BindScopeProbe::fullAcceptQueueTimesOut() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.backlog = 0; // room for one waiting connection
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Listen, 0, id));
    engine.pauseAccepting(id);
    QTRY_VERIFY(recorder.lastStats.listenerQueues.value(id).paused);
    RawPeer waiting = RawPeer::startConnectToLoopback(recorder.listenPort(id));
    QTRY_COMPARE(recorder.lastStats.listenerQueues.value(id).queued, 1);

    const QList<ProbeResult> results = probe(*recorder.find(EventKind::Listen, 0, id),
                                             {QHostAddress(QHostAddress::LocalHost)}, 300);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].outcome, ProbeResult::Outcome::Timeout);
    QVERIFY(results[0].elapsedUs >= 299000); // the timer's millisecond granularity
}

void tst_BindScopeProbe::machineAddressesStartWithLoopback() {
    const QList<QHostAddress> addresses = BindScopeProbe::machineAddresses();
    QVERIFY(addresses.size() >= 2);
    QCOMPARE(addresses[0], QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(addresses[1], QHostAddress(QHostAddress::LocalHostIPv6));
    for (const QHostAddress& address : addresses)
        QCOMPARE(addresses.count(address), 1);
    for (const QHostAddress& address : QNetworkInterface::allAddresses())
        QVERIFY(addresses.contains(address));
}

QTEST_GUILESS_MAIN(tst_BindScopeProbe)
#include "tst_bindscopeprobe.moc"
