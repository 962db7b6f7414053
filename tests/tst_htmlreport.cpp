#include "eventfactory.h"
#include "formats/htmlreport.h"
#include "sessionfixture.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTest>

using namespace sockscope;

namespace {

QString report(const EventBatch& events) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeHtmlReport(BatchEventSource(events), buffer, fixture::kStartUs))
        return {};
    return QString::fromUtf8(buffer.data());
}

CaptureEvent accepted(int conn, QStringView local, QStringView peer) {
    return fixture::event(1, EventKind::Accept, [&](CaptureEvent& e) {
        e.conn = conn;
        e.listener = 1;
        e.local = *SocketAddress::fromString(local);
        e.peer = *SocketAddress::fromString(peer);
    });
}

} // namespace

class tst_HtmlReport final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void selfContainedWithoutScripts();
    void escapesEverythingCaptured_data();
    void escapesEverythingCaptured();
    void summarizesListenersAndConnections();
    void endingsSayWhatHappened();
    void showsTextOrHexByChunk();
    void boundsShownPayload();
};

void tst_HtmlReport::selfContainedWithoutScripts() {
    const QString html = report(fixture::session());
    QVERIFY(html.startsWith(u"<!DOCTYPE html>\n"));
    QVERIFY(html.endsWith(u"</body>\n</html>\n"));
    QVERIFY(html.contains(u"<meta charset=\"utf-8\">"));
    QVERIFY(html.contains(u"@media (prefers-color-scheme: dark)"));
    QVERIFY(!html.contains(u"<script", Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"javascript:", Qt::CaseInsensitive));
    QVERIFY(!html.contains(QRegularExpression(uR"(<(link|img|iframe|object|embed)\b)"_qs)));
    QVERIFY(!html.contains(QRegularExpression(uR"(\s(src|on\w+)\s*=)"_qs)));
    for (const QString& tag : {u"div"_qs, u"table"_qs, u"tr"_qs, u"pre"_qs, u"p"_qs, u"h3"_qs})
        QCOMPARE(html.count(u'<' + tag + u'>') + html.count(u'<' + tag + u' '),
                 html.count(QStringLiteral("</%1>").arg(tag)));
}

void tst_HtmlReport::escapesEverythingCaptured_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("script") << u"<script>alert(1)</script>"_qs;
    QTest::newRow("attribute breakout") << u"\"><img src=x onerror=alert(1)>"_qs;
    QTest::newRow("entity") << u"&lt;b&gt; & friends"_qs;
    QTest::newRow("arg placeholders") << u"%1 %2 %9 %L1"_qs;
    QTest::newRow("controls") << u"bell\u0007 esc\u001b[2J rlo\u202e"_qs;
}

void tst_HtmlReport::escapesEverythingCaptured() {
    QFETCH(QString, text);
    EventBatch events{
        fixture::event(1, EventKind::Listen,
                       [&](CaptureEvent& e) {
                           e.listener = 1;
                           e.local = *SocketAddress::fromString(u"127.0.0.1:80");
                           e.responder = text;
                       }),
        fixture::event(2, EventKind::Connect,
                       [&](CaptureEvent& e) {
                           e.conn = 1;
                           e.target = text;
                       }),
        fixture::data(3, 1, Direction::In, text.toUtf8()),
        fixture::data(4, 1, Direction::Out, text.toUtf8() + '\0'),
        fixture::event(5, EventKind::Error,
                       [&](CaptureEvent& e) {
                           e.conn = 1;
                           e.error = ErrorCode::Reset;
                           e.message = text;
                       }),
        fixture::event(6, EventKind::Error, [&](CaptureEvent& e) { e.message = text; }),
    };
    const QString html = report(events);
    QString escaped = text.toHtmlEscaped();
    escaped.replace(u"\u0007"_qs, u"\\u{0007}"_qs)
        .replace(u"\u001b"_qs, u"\\u{001b}"_qs)
        .replace(u"\u202e"_qs, u"\\u{202e}"_qs);
    QVERIFY(!html.contains(u"<script", Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"<img", Qt::CaseInsensitive));
    if (escaped != text)
        QVERIFY(!html.contains(text));
    for (const QChar c : html)
        QVERIFY(c >= u' ' || c == u'\n' || c == u'\t' || c == u'\r');
    QVERIFY(!html.contains(QChar(0x202e)));
    // The responder, the connect target (event and summary), the error
    // message (event and summary), the listener error, and the chunk when it
    // is printable. Addresses and error codes are typed: they hold no text.
    QVERIFY2(html.count(escaped) >= 6, qPrintable(QString::number(html.count(escaped))));
}

void tst_HtmlReport::summarizesListenersAndConnections() {
    const QString html = report(fixture::session());
    QVERIFY(html.contains(u"<td>127.0.0.1:8080</td><td class=\"num\">1024</td><td>echo</td>"));
    QVERIFY(html.contains(u"<td>[::1]:8443</td><td class=\"num\">50</td>"
                          "<td>reply:/tmp/a &quot;quoted&quot; file.txt</td>"));
    // Accepted connection 1: peer's ephemeral port 51000; 27 bytes in, 30 out.
    QVERIFY(html.contains(u"<td>peer, accepted by listener 1</td><td>127.0.0.1:8080</td>"
                          "<td>127.0.0.1:51000</td><td class=\"num\">51000</td>"
                          "<td class=\"num\">27</td><td class=\"num\">30</td>"));
    QVERIFY(html.contains(u"<td>Peer half-closed, then we closed</td>"));
    QVERIFY(html.contains(u"</span> peer shut down its sending side</p>"));
    QVERIFY(html.contains(u"</span> closed; the peer's FIN came first</p>"));
    QVERIFY(html.contains(u"<td class=\"num\">0.004000 s</td>"));
    // Outgoing connection 2: our ephemeral port 40000; 256 in, 6 out; reset.
    QVERIFY(html.contains(u"<td>SockScope, to localhost:9000</td><td>[::1]:40000</td>"
                          "<td>[::1]:9000</td><td class=\"num\">40000</td>"
                          "<td class=\"num\">256</td><td class=\"num\">6</td>"));
    QVERIFY(html.contains(u"<td>reset: The remote host closed the connection</td>"));
    QVERIFY(html.contains(u"Dropped by the capture budget"));
    QVERIFY(html.contains(u"<tr><td class=\"num\">1</td><td class=\"num\">3</td>"
                          "<td class=\"num\">100</td>"));
    QVERIFY(html.contains(u"in-use: Address already in use"));
    QVERIFY(html.contains(u"<a href=\"#conn-2\">2</a>"));
    QVERIFY(html.contains(u"<h3 id=\"conn-2\">"));
}

void tst_HtmlReport::endingsSayWhatHappened() {
    // A close's `by` is whose FIN came first: "closed by" read it backwards.
    EventFactory f;
    const EventBatch events{
        // Close pressed on a connection the peer had half-closed.
        f.accept(1, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs),
        f.halfClose(1, Closer::Peer),
        f.halfClose(1, Closer::Local),
        f.close(1, Closer::Peer),
        // A one-exchange client: request, our FIN, the reply, the server's FIN.
        f.connect(2, u"127.0.0.1:9000"_qs),
        f.connected(2, u"127.0.0.1:40000"_qs, u"127.0.0.1:9000"_qs),
        f.data(2, Direction::Out, "request"),
        f.halfClose(2, Closer::Local),
        f.data(2, Direction::In, "reply"),
        f.halfClose(2, Closer::Peer),
        f.close(2, Closer::Local),
    };
    const QString html = report(events);
    QVERIFY(html.contains(u"<td>Peer half-closed, then we closed</td></tr>"));
    QVERIFY(html.contains(u"<td>We half-closed, then the peer closed</td></tr>"));
    // Each conversation lists the FINs in the order they came, then the close.
    const auto lines = [&](int conn) {
        const qsizetype from = html.indexOf(QStringLiteral("<h3 id=\"conn-%1\">").arg(conn));
        const qsizetype to = html.indexOf(u"<h3 ", from + 1);
        static const QRegularExpression event(
            u"<p class=\"event\"><span class=\"ts\">[^<]*</span> ([^<]*)</p>"_qs);
        QStringList found;
        for (const QRegularExpressionMatch& match :
             event.globalMatch(html.sliced(from, (to < 0 ? html.size() : to) - from)))
            found << match.captured(1);
        return found;
    };
    QCOMPARE(lines(1), (QStringList{u"accepted by listener 1 from 127.0.0.1:50000"_qs,
                                    u"peer shut down its sending side"_qs,
                                    u"we shut down our sending side"_qs,
                                    u"closed; the peer's FIN came first"_qs}));
    QCOMPARE(lines(2), (QStringList{u"connecting to 127.0.0.1:9000"_qs,
                                    u"connected from 127.0.0.1:40000 to 127.0.0.1:9000"_qs,
                                    u"we shut down our sending side"_qs,
                                    u"peer shut down its sending side"_qs,
                                    u"closed; our FIN came first"_qs}));
    QVERIFY(!html.contains(u"closed by"));
}

void tst_HtmlReport::showsTextOrHexByChunk() {
    const QString html = report(fixture::session());
    QCOMPARE(html.count(u"<div class=\"chunk in\">"), 2);
    QCOMPARE(html.count(u"<div class=\"chunk out\">"), 2);
    QVERIFY(html.contains(u"<pre>GET / HTTP/1.0\r\nHost: x\r\n\r\n</pre>"));
    QVERIFY(html.contains(u"<pre>hello\n</pre>"));
    QVERIFY(html.contains(u"<pre>00000000  00 ff fe 3c 73 63 72 69  70 74 3e 61 6c 65 72 74  "
                          "|...&lt;script&gt;alert|"));
    QVERIFY(html.contains(u"000000f0  f0 f1 f2 f3"));

    const EventBatch bidi{accepted(1, u"127.0.0.1:1"_qs, u"127.0.0.1:2"_qs),
                          fixture::data(2, 1, Direction::In, "invoice\xe2\x80\xaetxt.exe")};
    QVERIFY(report(bidi).contains(u"<pre>00000000  69 6e 76 6f"));
}

void tst_HtmlReport::boundsShownPayload() {
    QByteArray text(kHtmlChunkShownBytes - 1, 'a');
    text += "\xc3\xa9tail"; // a two-byte character across the cut
    EventBatch events{accepted(1, u"127.0.0.1:1"_qs, u"127.0.0.1:2"_qs),
                      fixture::data(2, 1, Direction::In, text)};
    QString html = report(events);
    QVERIFY(html.contains(QString(kHtmlChunkShownBytes - 1, u'a') + u"\n… +6 bytes not shown"_qs));

    const QByteArray binary(kHtmlChunkShownBytes + 10, '\0');
    events[1] = fixture::data(2, 1, Direction::Out, binary);
    QVERIFY(report(events).contains(u"… +10 bytes not shown"));

    // Each chunk shows kHtmlChunkShownBytes; the budget holds that many chunks.
    const qsizetype fit = kHtmlReportShownBytes / kHtmlChunkShownBytes;
    for (qsizetype i = 0; i < fit + 1; ++i)
        events.append(fixture::data(3, 1, Direction::In, binary));
    html = report(events);
    QCOMPARE(html.count(u"Not shown: the report's payload limit is reached"), 2);
    QCOMPARE(html.count(u"… +10 bytes not shown"), fit);
}

QTEST_GUILESS_MAIN(tst_HtmlReport)
#include "tst_htmlreport.moc"
