// Responders decide and nothing else: events in, actions out, no sockets.
// (tst_responders drives them against real peers.)
#include "describeactions.h"
#include "engine/responder.h"

#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;

namespace {

ResponderConfig configOf(const QString& spec) {
    QString error;
    const std::optional<ResponderConfig> config = ResponderConfig::parse(spec, &error);
    if (!config)
        qFatal("%s", qPrintable(error));
    return *config;
}

} // namespace

class tst_Responder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void answers_data();
    void answers();

private:
    QTemporaryFile m_reply;
};

void tst_Responder::initTestCase() {
    QVERIFY(m_reply.open());
    m_reply.write("HTTP/1.0 200 OK\r\n\r\nhello\n");
    m_reply.flush();
}

// Each step is an event ("in:HEX" for received bytes, "fin" for the peer's
// FIN) and the actions it must produce, one string per step, "|" between actions.
void tst_Responder::answers_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("expected");
    const QString reply = QStringLiteral("reply:") + m_reply.fileName();
    const QString sendFile = QStringLiteral("send-file 7 ") + m_reply.fileName();
    QTest::newRow("manual only captures")
        << "manual" << QStringList{"in:6869", "fin"} << QStringList{"", ""};
    QTest::newRow("echo sends back, closes at the FIN")
        << "echo" << QStringList{"in:6869", "in:00ff0a", "fin"}
        << QStringList{"send 7 6869", "send 7 00ff0a", "close 7"};
    QTest::newRow("echo of a FIN alone closes")
        << "echo" << QStringList{"fin"} << QStringList{"close 7"};
    QTest::newRow("discard drops, closes at the FIN")
        << "discard" << QStringList{"in:6869", "in:6869", "fin"} << QStringList{"", "", "close 7"};
    QTest::newRow("reply once on the request, then half-close")
        << reply << QStringList{"in:474554", "in:0d0a", "fin"}
        << QStringList{sendFile + "|half-close 7", "", ""};
    QTest::newRow("reply at a FIN without a request")
        << reply << QStringList{"fin"} << QStringList{sendFile + "|half-close 7"};
}

void tst_Responder::answers() {
    QFETCH(QString, spec);
    QFETCH(QStringList, events);
    QFETCH(QStringList, expected);
    Responder responder(7, configOf(spec));
    QCOMPARE(responder.isManual(), spec == u"manual");
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString& event = events[i];
        const ConnectionActions actions =
            event == u"fin" ? responder.onPeerFinished()
                            : responder.onReceived(QByteArray::fromHex(event.mid(3).toLatin1()));
        const QStringList want =
            expected[i].isEmpty() ? QStringList{} : expected[i].split(QLatin1Char('|'));
        QCOMPARE(describe(actions), want);
    }
}

QTEST_GUILESS_MAIN(tst_Responder)
#include "tst_responder.moc"
