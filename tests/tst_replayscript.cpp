// What --replay reads: Follow TCP Stream YAML cut into the client's and the
// server's turns, and hostile YAML refused with the line.
#include "cli/replayscript.h"

#include <QTest>

using namespace sockscope;

class tst_ReplayScript : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void turnsFromFollowYaml();
    void hostileYamlIsRefused_data();
    void hostileYamlIsRefused();
};

void tst_ReplayScript::turnsFromFollowYaml() {
    // As tshark 4.0 writes it: peer 0 is the side that opened the stream.
    const QByteArray yaml = "peers:\n"
                            "  - peer: 0\n    host: 127.0.0.1\n    port: 49560\n"
                            "  - peer: 1\n    host: 127.0.0.1\n    port: 7000\n"
                            "packets:\n"
                            "  - packet: 4\n    peer: 1\n    timestamp: 1796639601.927074909\n"
                            "    data: !!binary |\n      MjIwIHJlYWR5DQo=\n"
                            "  - packet: 6\n    peer: 0\n    index: 0\n"
                            "    timestamp: 1796639601.927351952\n"
                            "    data: !!binary |\n      TE9HSU4g\n      YW15DQo=\n"
                            "  - packet: 8\n    peer: 1\n    timestamp: 1796639601.93\n"
                            "    data: !!binary |\n      SEVMTE8gYW15DQo=\n"
                            "  - packet: 10\n    peer: 1\n    timestamp: 1796639601.94\n"
                            "    data: !!binary |\n      QllFDQo=\n";
    QString error;
    const auto conversation = parseFollowYaml(yaml, &error);
    QVERIFY2(conversation, qPrintable(error));
    QCOMPARE(conversation->turns.size(), std::size_t(3));
    QVERIFY(!conversation->turns[0].fromClient);
    QCOMPARE(conversation->turns[0].bytes, QByteArray("220 ready\r\n"));
    QVERIFY(conversation->turns[1].fromClient);
    QCOMPARE(conversation->turns[1].bytes, QByteArray("LOGIN amy\r\n")); // two base64 lines
    QCOMPARE(conversation->turns[1].timeUs, 1796639601927351ll);
    QCOMPARE(conversation->turns[2].bytes, QByteArray("HELLO amy\r\nBYE\r\n")); // merged
}

void tst_ReplayScript::hostileYamlIsRefused_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("named");
    QTest::newRow("empty") << QByteArray() << "no peers: and packets:";
    QTest::newRow("not YAML") << QByteArray("\x00\x01\x02garbage") << "no peers: and packets:";
    QTest::newRow("bad peer") << QByteArray("peers:\npackets:\n  - packet: 1\n    peer: 9\n")
                              << "line 4: peer must be 0 or 1";
    QTest::newRow("data first")
        << QByteArray("peers:\npackets:\n  - packet: 1\n    data: !!binary |\n      QQ==\n")
        << "data before its peer";
    QTest::newRow("bad base64")
        << QByteArray(
               "peers:\npackets:\n  - packet: 1\n    peer: 0\n    data: !!binary |\n      Q!==\n")
        << "not base64";
    QTest::newRow("foreign key") << QByteArray("peers:\npackets:\n  - packet: 1\n    colour: red\n")
                                 << "is not part of a Follow Stream YAML";
}

void tst_ReplayScript::hostileYamlIsRefused() {
    QFETCH(QByteArray, yaml);
    QFETCH(QString, named);
    QString error;
    QVERIFY(!parseFollowYaml(yaml, &error));
    QVERIFY2(error.contains(named), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ReplayScript)
#include "tst_replayscript.moc"
