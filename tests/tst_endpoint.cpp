// Addresses as the window and the formats show them, and as people type them.
#include "base/endpoint.h"

#include <QTest>

using namespace sockscope;

class tst_Endpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formats_data();
    void formats();
    void parsesHostPort_data();
    void parsesHostPort();
    void bindAddresses_data();
    void bindAddresses();
};

void tst_Endpoint::formats_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("shown");
    QTest::newRow("ipv4") << "127.0.0.1"
                          << "127.0.0.1:80";
    QTest::newRow("ipv6") << "::1"
                          << "[::1]:80";
    QTest::newRow("mapped ipv4") << "::ffff:127.0.0.1"
                                 << "127.0.0.1:80";
    QTest::newRow("unspecified ipv6 stays ipv6") << "::"
                                                 << "[::]:80";
    QTest::newRow("ipv4 any") << "0.0.0.0"
                              << "0.0.0.0:80";
    QTest::newRow("compatible, not mapped") << "::7f00:1"
                                            << "[::127.0.0.1]:80";
}

void tst_Endpoint::formats() {
    QFETCH(QString, address);
    QFETCH(QString, shown);
    QCOMPARE(formatEndpoint(QHostAddress(address), 80), shown);
}

void tst_Endpoint::parsesHostPort_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("name") << "localhost:8080"
                          << "localhost" << 8080;
    QTest::newRow("ipv4") << " 10.1.2.3:0 "
                          << "10.1.2.3" << 0;
    QTest::newRow("ipv6") << "[::1]:65535"
                          << "::1" << 65535;
    QTest::newRow("no port") << "localhost"
                             << "" << -1;
    QTest::newRow("bare ipv6") << "::1:80"
                               << "" << -1;
    QTest::newRow("port range") << "host:65536"
                                << "" << -1;
    QTest::newRow("empty host") << ":80"
                                << "" << -1;
    QTest::newRow("unclosed bracket") << "[::1:80"
                                      << "" << -1;
}

void tst_Endpoint::parsesHostPort() {
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error;
    const auto parsed = parseHostPort(text, &error);
    QCOMPARE(parsed.has_value(), port >= 0);
    if (parsed) {
        QCOMPARE(parsed->host, host);
        QCOMPARE(int(parsed->port), port);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

void tst_Endpoint::bindAddresses_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("protocol");
    QTest::newRow("localhost") << "localhost" << true << int(QAbstractSocket::IPv4Protocol);
    QTest::newRow("any") << "any" << true << int(QAbstractSocket::IPv4Protocol);
    QTest::newRow("any6 is dual stack") << "any6" << true << int(QAbstractSocket::AnyIPProtocol);
    QTest::newRow("::1") << "::1" << true << int(QAbstractSocket::IPv6Protocol);
    QTest::newRow("name is not an address") << "example.com" << false << 0;
    QTest::newRow("empty never means any") << "" << false << 0;
}

void tst_Endpoint::bindAddresses() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, protocol);
    QString error;
    const auto address = parseBindAddress(text, &error);
    QCOMPARE(address.has_value(), valid);
    if (valid)
        QCOMPARE(int(address->protocol()), protocol);
    else
        QVERIFY(error.contains(QStringLiteral("not a bind address")));
}

QTEST_GUILESS_MAIN(tst_Endpoint)
#include "tst_endpoint.moc"
