// The binary address events carry: read from the kernel's sockaddr, shown
// exactly as formatEndpoint() shows a QHostAddress, and read back from the
// text the session formats write.
#include "base/endpoint.h"
#include "base/sockaddr.h"
#include "base/socketaddress.h"

#include <QTest>

using namespace sockscope;

class tst_SocketAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fromSockaddrReadsAsQtWould_data();
    void fromSockaddrReadsAsQtWould();
    void mappedIPv4IsIPv4();
    void textRoundTrips_data();
    void textRoundTrips();
    void refusesWhatIsNotAnAddress_data();
    void refusesWhatIsNotAnAddress();
    void noAddressIsEmpty();
};

void tst_SocketAddress::fromSockaddrReadsAsQtWould_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    // QStrings, not a list of const char*: GCC 12 at -O3 sees a null %s
    // argument in the latter (-Wformat-overflow) and the -Werror build fails.
    const QStringList addresses = {QStringLiteral("127.0.0.1"),
                                   QStringLiteral("0.0.0.0"),
                                   QStringLiteral("255.255.255.255"),
                                   QStringLiteral("10.20.3.4"),
                                   QStringLiteral("::1"),
                                   QStringLiteral("::ffff:192.168.100.7"),
                                   QStringLiteral("fe80::1:2"),
                                   QStringLiteral("::"),
                                   QStringLiteral("2001:db8::ff00:42:8329")};
    for (const QString& address : addresses) {
        for (const int port : {0, 9, 80, 65535})
            QTest::addRow("%s port %d", qPrintable(address), port) << address << port;
    }
}

void tst_SocketAddress::fromSockaddrReadsAsQtWould() {
    QFETCH(QString, address);
    QFETCH(int, port);
    const QHostAddress host(address);
    sockaddr_storage storage;
    toSockaddr(host, quint16(port), &storage);
    const SocketAddress read = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&storage));
    QCOMPARE(read.port(), quint16(port));
    QCOMPARE(read.toString(), formatEndpoint(host, quint16(port)));
    QCOMPARE(read, SocketAddress::fromHostAddress(host, quint16(port)));
}

void tst_SocketAddress::mappedIPv4IsIPv4() {
    // A dual-stack listener's IPv4 peers arrive as ::ffff:a.b.c.d.
    const SocketAddress mapped =
        SocketAddress::fromHostAddress(QHostAddress(u"::ffff:10.1.2.3"_qs), 443);
    QCOMPARE(mapped.family(), SocketAddress::Family::IPv4);
    QCOMPARE(mapped.toString(), u"10.1.2.3:443");
    QCOMPARE(mapped.hostAddress(), QHostAddress(u"10.1.2.3"_qs));
    const std::array<quint8, 16> bytes{10, 1, 2, 3};
    QCOMPARE(mapped.bytes(), bytes);
}

void tst_SocketAddress::textRoundTrips_data() {
    QTest::addColumn<QString>("text");
    for (const char* text : {"127.0.0.1:8080", "0.0.0.0:0", "255.255.255.255:65535", "[::1]:9000",
                             "[::]:80", "[fe80::1:2]:22", "[2001:db8::ff00:42:8329]:1"})
        QTest::newRow(text) << QString::fromLatin1(text);
}

void tst_SocketAddress::textRoundTrips() {
    QFETCH(QString, text);
    const std::optional<SocketAddress> read = SocketAddress::fromString(text);
    QVERIFY(read);
    QCOMPARE(read->toString(), text);
}

void tst_SocketAddress::refusesWhatIsNotAnAddress_data() {
    QTest::addColumn<QString>("text");
    for (const char* text :
         {"", "127.0.0.1", "localhost:80", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
          "127.0.0.1:8O", "1.2.3:80", "1.2.3.4.5:80", "256.1.1.1:80", "01234.1.1.1:80", "::1:80",
          "[::1]80", "[::1]:", "[127.0.0.1]:80", "[zz::1]:80", "127.0.0.1:80 ", " 127.0.0.1:80"})
        QTest::newRow(text) << QString::fromLatin1(text);
}

void tst_SocketAddress::refusesWhatIsNotAnAddress() {
    QFETCH(QString, text);
    QVERIFY(!SocketAddress::fromString(text));
}

void tst_SocketAddress::noAddressIsEmpty() {
    const SocketAddress none;
    QVERIFY(none.isNull());
    QCOMPARE(none.toString(), QString());
    QCOMPARE(none.port(), 0);
    QVERIFY(none.hostAddress().isNull());
    sockaddr_storage local{};
    local.ss_family = AF_UNIX;
    QVERIFY(SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&local)).isNull());
}

QTEST_GUILESS_MAIN(tst_SocketAddress)
#include "tst_socketaddress.moc"
