// /proc/net/tcp{,6} and the kernel's port settings, parsed from fixed text:
// byte order, IPv6 words, IPv4-mapped addresses, states, queues.
#include "system/kernelsettings.h"
#include "system/procnettcp.h"

#include <QTest>

using namespace sockscope;

namespace {
const QByteArray kHeader4 = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                            "retrnsmt   uid  timeout inode\n";
// The columns after the inode vary between kernels and are ignored.
QByteArray line(const QByteArray& local, const QByteArray& remote, const QByteArray& state,
                const QByteArray& queues, const QByteArray& uid, const QByteArray& inode) {
    return "   0: " + local + ' ' + remote + ' ' + state + ' ' + queues + " 00:00000000 00000000 " +
           uid + "        0 " + inode + " 1 0000000000000000 100 0 0 10 0\n";
}
} // namespace

class tst_ProcNetTcp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parsesOneSocket_data();
    void parsesOneSocket();
    void skipsWhatIsNotASocket_data();
    void skipsWhatIsNotASocket();
    void filtersByState();
    void namesStates_data();
    void namesStates();
    void parsesPortRange_data();
    void parsesPortRange();
    void readsThisMachine();
};

void tst_ProcNetTcp::initTestCase() {
    // The kernel prints host-order words; the rows below are x86's.
    if (QSysInfo::ByteOrder != QSysInfo::LittleEndian)
        QSKIP("the fixed /proc text below is little-endian");
}

void tst_ProcNetTcp::parsesOneSocket_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ipv6");
    QTest::addColumn<QString>("local");
    QTest::addColumn<int>("localPort");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("state");
    QTest::addColumn<uint>("txQueue");
    QTest::addColumn<uint>("rxQueue");
    QTest::addColumn<uint>("uid");
    QTest::addColumn<quint64>("inode");

    QTest::newRow("ipv4 listen, little-endian words")
        << line("0100007F:0277", "00000000:0000", "0A", "00000000:00000003", "0", "12345") << false
        << "127.0.0.1:631" << 631 << "0.0.0.0:0"
        << "LISTEN" << 0u << 3u << 0u << quint64(12345);
    QTest::newRow("ipv4 established with queues")
        << line("0202000A:A5D7", "0100A8C0:01BB", "01", "00000010:000000FF", "1000", "777") << false
        << "10.0.2.2:42455" << 42455 << "192.168.0.1:443"
        << "ESTABLISHED" << 16u << 255u << 1000u << quint64(777);
    QTest::newRow("ipv4 time-wait has no inode")
        << line("0100007F:EB00", "0100007F:98E9", "06", "00000000:00000000", "0", "0") << false
        << "127.0.0.1:60160" << 60160 << "127.0.0.1:39145"
        << "TIME_WAIT" << 0u << 0u << 0u << quint64(0);
    QTest::newRow("ipv6 loopback")
        << line("00000000000000000000000001000000:1F90", "00000000000000000000000000000000:0000",
                "0A", "00000000:00000000", "1000", "555")
        << true << "[::1]:8080" << 8080 << "[::]:0"
        << "LISTEN" << 0u << 0u << 1000u << quint64(555);
    QTest::newRow("ipv6 unspecified stays ipv6")
        << line("00000000000000000000000000000000:1F90", "00000000000000000000000000000000:0000",
                "0A", "00000000:00000000", "0", "556")
        << true << "[::]:8080" << 8080 << "[::]:0"
        << "LISTEN" << 0u << 0u << 0u << quint64(556);
    QTest::newRow("ipv6 words in order")
        << line("000000FD000000000000000002000000:0050", "000080FE00000000FF00FC00FF0100FE:C350",
                "01", "00000000:00000000", "0", "9")
        << true << "[fd00::2]:80" << 80 << "[fe80::fc:ff:fe00:1ff]:50000"
        << "ESTABLISHED" << 0u << 0u << 0u << quint64(9);
    QTest::newRow("ipv4-mapped shown as ipv4")
        << line("0000000000000000FFFF00000100007F:1F90", "0000000000000000FFFF00000100007F:D431",
                "01", "00000000:00000000", "0", "10")
        << true << "127.0.0.1:8080" << 8080 << "127.0.0.1:54321"
        << "ESTABLISHED" << 0u << 0u << 0u << quint64(10);
    QTest::newRow("unknown state keeps its number")
        << line("0100007F:0050", "00000000:0000", "0D", "00000000:00000000", "0", "11") << false
        << "127.0.0.1:80" << 80 << "0.0.0.0:0"
        << "0x0D" << 0u << 0u << 0u << quint64(11);
}

void tst_ProcNetTcp::parsesOneSocket() {
    QFETCH(QByteArray, text);
    QFETCH(bool, ipv6);
    const auto family = ipv6 ? QAbstractSocket::IPv6Protocol : QAbstractSocket::IPv4Protocol;
    const QList<SystemSocket> sockets = parseProcNetTcp(kHeader4 + text, family);
    QCOMPARE(sockets.size(), 1);
    const SystemSocket& s = sockets.constFirst();
    QCOMPARE(s.family, family);
    QTEST(s.local, "local");
    QTEST(int(s.localPort), "localPort");
    QTEST(s.remote, "remote");
    QTEST(tcpStateName(s.state), "state");
    QTEST(uint(s.txQueue), "txQueue");
    QTEST(uint(s.rxQueue), "rxQueue");
    QTEST(s.uid, "uid");
    QTEST(s.inode, "inode");
    QCOMPARE(s.pid, qint64(0)); // owners are SocketOwnerFinder's business
}

void tst_ProcNetTcp::skipsWhatIsNotASocket_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("header only") << kHeader4;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short address") << line("7F:0050", "00000000:0000", "0A", "0:0", "0", "1");
    QTest::newRow("not hex") << line("0100007G:0050", "00000000:0000", "0A", "0:0", "0", "1");
    QTest::newRow("port too big") << line("0100007F:10000", "00000000:0000", "0A", "0:0", "0", "1");
    QTest::newRow("no queue colon")
        << line("0100007F:0050", "00000000:0000", "0A", "00000000", "0", "1");
    QTest::newRow("ipv6 address in the ipv4 table")
        << line("00000000000000000000000001000000:1F90", "00000000:0000", "0A", "0:0", "0", "1");
    QTest::newRow("cut short") << QByteArray("   0: 0100007F:0050 00000000:0000 0A\n");
}

void tst_ProcNetTcp::skipsWhatIsNotASocket() {
    QFETCH(QByteArray, text);
    QVERIFY(parseProcNetTcp(text, QAbstractSocket::IPv4Protocol).isEmpty());
}

void tst_ProcNetTcp::filtersByState() {
    const QByteArray text =
        kHeader4 + line("0100007F:0050", "00000000:0000", "0A", "00000000:00000002", "0", "1") +
        line("0100007F:0050", "0100007F:C350", "01", "00000000:00000000", "0", "2") +
        line("0100007F:0051", "00000000:0000", "0A", "00000000:00000000", "0", "3");
    QCOMPARE(parseProcNetTcp(text, QAbstractSocket::IPv4Protocol).size(), 3);
    const QList<SystemSocket> listening =
        parseProcNetTcp(text, QAbstractSocket::IPv4Protocol, TcpState::Listen);
    QCOMPARE(listening.size(), 2);
    QCOMPARE(listening[0].inode, quint64(1));
    QCOMPARE(listening[0].rxQueue, 2u);
    QCOMPARE(listening[1].inode, quint64(3));
}

void tst_ProcNetTcp::namesStates_data() {
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("name");
    QTest::newRow("1") << 1 << "ESTABLISHED";
    QTest::newRow("2") << 2 << "SYN_SENT";
    QTest::newRow("3") << 3 << "SYN_RECV";
    QTest::newRow("6") << 6 << "TIME_WAIT";
    QTest::newRow("8") << 8 << "CLOSE_WAIT";
    QTest::newRow("10") << 10 << "LISTEN";
    QTest::newRow("12") << 12 << "NEW_SYN_RECV";
    QTest::newRow("0") << 0 << "0x00";
    QTest::newRow("255") << 255 << "0xFF";
}

void tst_ProcNetTcp::namesStates() {
    QFETCH(int, number);
    QTEST(tcpStateName(TcpState(number)), "name");
}

void tst_ProcNetTcp::parsesPortRange_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::newRow("debian default") << QByteArray("32768\t60999\n") << true << 32768 << 60999;
    QTest::newRow("spaces") << QByteArray("  1024   65535 ") << true << 1024 << 65535;
    QTest::newRow("one port") << QByteArray("40000 40000") << true << 40000 << 40000;
    QTest::newRow("reversed") << QByteArray("60999 32768") << false << 0 << 0;
    QTest::newRow("zero") << QByteArray("0 100") << false << 0 << 0;
    QTest::newRow("too big") << QByteArray("1024 65536") << false << 0 << 0;
    QTest::newRow("one number") << QByteArray("32768") << false << 0 << 0;
    QTest::newRow("three numbers") << QByteArray("1 2 3") << false << 0 << 0;
    QTest::newRow("words") << QByteArray("low high") << false << 0 << 0;
    QTest::newRow("empty") << QByteArray() << false << 0 << 0;
}

void tst_ProcNetTcp::parsesPortRange() {
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const auto range = parsePortRange(text);
    QCOMPARE(range.has_value(), valid);
    if (!valid)
        return;
    QTEST(int(range->first), "first");
    QTEST(int(range->last), "last");
    QVERIFY(range->contains(range->first));
    QVERIFY(range->contains(range->last));
    QVERIFY(!range->contains(quint16(range->first - 1)));
}

void tst_ProcNetTcp::readsThisMachine() {
    // Linux always has the setting; an outgoing socket's port lies in it.
    const auto range = readEphemeralPortRange();
    QVERIFY(range.has_value());
    QVERIFY(range->first <= range->last);
    QString error;
    readProcNetTcp(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ProcNetTcp)
#include "tst_procnettcp.moc"
