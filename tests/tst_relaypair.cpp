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
    void keptBytesGoOnBeforeTheEnd();
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
    RelayPair pair(kClient, kUpstream);
    QCOMPARE(pair.other(kClient), kUpstream);
    QCOMPARE(pair.other(kUpstream), kClient);
    QCOMPARE(describe(pair.onReceived(kClient, QByteArrayLiteral("GET"))),
             QStringList{QStringLiteral("send 8 474554")});
    QCOMPARE(describe(pair.onReceived(kUpstream, QByteArrayLiteral("\x00\xff"))),
             QStringList{QStringLiteral("send 7 00ff")});
}

void tst_RelayPair::finBecomesHalfCloseOfTheOtherLeg() {
    RelayPair pair(kClient, kUpstream);
    QCOMPARE(describe(pair.onPeerFinished(kClient)), QStringList{QStringLiteral("half-close 8")});
    QCOMPARE(describe(pair.onPeerFinished(kUpstream)), QStringList{QStringLiteral("half-close 7")});
}

void tst_RelayPair::gracefulEndClosesTheOtherLeg() {
    RelayPair pair(kClient, kUpstream);
    // The hold this leg's backlog may have set goes with it.
    QCOMPARE(describe(pair.onClosed(kClient)),
             (QStringList{QStringLiteral("release 8"), QStringLiteral("close 8")}));
    QCOMPARE(describe(pair.onClosed(kUpstream)),
             (QStringList{QStringLiteral("release 7"), QStringLiteral("close 7")}));
}

void tst_RelayPair::keptBytesGoOnBeforeTheEnd() {
    QString error;
    RelayPair pair(kClient, kUpstream,
                   {*RewriteRule::parse(QStringLiteral("up:s/secret/******/"), &error)});
    QCOMPARE(describe(pair.onReceived(kClient, "my sec")),
             QStringList{QStringLiteral("send 8 6d7920")});
    QVERIFY(pair.keepsBytes());
    // Down is not rewritten: nothing kept that way.
    QCOMPARE(describe(pair.onReceived(kUpstream, "sec")),
             QStringList{QStringLiteral("send 7 736563")});
    QCOMPARE(describe(pair.onPeerFinished(kClient)),
             (QStringList{QStringLiteral("send 8 736563"), QStringLiteral("half-close 8")}));
    QVERIFY(!pair.keepsBytes());
    QCOMPARE(describe(pair.onReceived(kClient, "sec")), QStringList{});
    QCOMPARE(describe(pair.onClosed(kClient)),
             (QStringList{QStringLiteral("send 8 736563"), QStringLiteral("release 8"),
                          QStringLiteral("close 8")}));
    QCOMPARE(describe(pair.onReceived(kClient, "sec")), QStringList{});
    QCOMPARE(describe(pair.flushKept()), QStringList{QStringLiteral("send 8 736563")});
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
