// A relay pair decides and nothing else: what happened on one leg in,
// actions on the other leg out, no sockets. (tests/e2e/test_relay.py drives
// the relay between real peers.)
#include "describeactions.h"
#include "engine/relaypair.h"

#include <QTest>

using namespace sockscope;

namespace {
constexpr int kClient = 7;
constexpr int kUpstream = 8;
} // namespace

class tst_RelayPair : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void clientWaitsInTheKernelUntilTheUpstreamConnects();
    void bytesCrossToTheOtherLeg();
    void finBecomesHalfCloseOfTheOtherLeg();
    void gracefulEndClosesTheOtherLeg();
    void failureOrResetResetsTheOtherLeg();
    void backPressureHoldsTheOtherLeg();
};

void tst_RelayPair::clientWaitsInTheKernelUntilTheUpstreamConnects() {
    const RelayPair pair(kClient, kUpstream);
    QCOMPARE(describe(pair.onStarted()), QStringList{QStringLiteral("hold 7")});
    QCOMPARE(describe(pair.onConnected(kUpstream)), QStringList{QStringLiteral("release 7")});
    // The client's leg is accepted, not connected: nothing to release.
    QCOMPARE(describe(pair.onConnected(kClient)), QStringList{});
}

void tst_RelayPair::bytesCrossToTheOtherLeg() {
    const RelayPair pair(kClient, kUpstream);
    QCOMPARE(pair.other(kClient), kUpstream);
    QCOMPARE(pair.other(kUpstream), kClient);
    QCOMPARE(describe(pair.onReceived(kClient, QByteArrayLiteral("GET"))),
             QStringList{QStringLiteral("send 8 474554")});
    QCOMPARE(describe(pair.onReceived(kUpstream, QByteArrayLiteral("\x00\xff"))),
             QStringList{QStringLiteral("send 7 00ff")});
}

void tst_RelayPair::finBecomesHalfCloseOfTheOtherLeg() {
    const RelayPair pair(kClient, kUpstream);
    QCOMPARE(describe(pair.onPeerFinished(kClient)), QStringList{QStringLiteral("half-close 8")});
    QCOMPARE(describe(pair.onPeerFinished(kUpstream)), QStringList{QStringLiteral("half-close 7")});
}

void tst_RelayPair::gracefulEndClosesTheOtherLeg() {
    const RelayPair pair(kClient, kUpstream);
    QCOMPARE(describe(pair.onClosed(kClient)), QStringList{QStringLiteral("close 8")});
    QCOMPARE(describe(pair.onClosed(kUpstream)), QStringList{QStringLiteral("close 7")});
}

void tst_RelayPair::failureOrResetResetsTheOtherLeg() {
    const RelayPair pair(kClient, kUpstream);
    // A refused upstream, a peer's RST, our own Abort: the other peer must
    // not read a clean FIN as a finished exchange.
    QCOMPARE(describe(pair.onFailed(kUpstream)), QStringList{QStringLiteral("reset 7")});
    QCOMPARE(describe(pair.onFailed(kClient)), QStringList{QStringLiteral("reset 8")});
}

void tst_RelayPair::backPressureHoldsTheOtherLeg() {
    const RelayPair pair(kClient, kUpstream);
    QCOMPARE(describe(pair.onBacklogChanged(kUpstream, true)),
             QStringList{QStringLiteral("hold 7")});
    QCOMPARE(describe(pair.onBacklogChanged(kUpstream, false)),
             QStringList{QStringLiteral("release 7")});
    QCOMPARE(describe(pair.onBacklogChanged(kClient, true)), QStringList{QStringLiteral("hold 8")});
}

QTEST_GUILESS_MAIN(tst_RelayPair)
#include "tst_relaypair.moc"
