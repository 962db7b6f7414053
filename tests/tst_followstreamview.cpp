#include "eventfactory.h"
#include "fakesessionsource.h"
#include "followstreamview.h"
#include "savedsession.h"

#include <QTest>
#include <QTextBlock>

using namespace sockscope;

class tst_FollowStreamView final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void showsStoredThenLiveConversation() {
        const CaptureEvent request = m_events.data(1, Direction::Out, "GET / HTTP/1.0\r\n\r\n");
        const CaptureEvent other = m_events.data(2, Direction::In, "not this one");
        const SavedSession session({}, {request, other});

        FollowStreamView view(&session);
        QVERIFY(view.toPlainText().isEmpty());
        view.setConnection(1);
        QCOMPARE(view.toPlainText(), QStringLiteral("GET / HTTP/1.0\\r\n\\r\n"));

        const CaptureEvent reply = m_events.data(1, Direction::In, "HTTP/1.0 200 OK");
        // The request was read from the session: a batch repeating it must not
        // show it twice. It ended with a newline, so the reply needs no new line.
        view.appendBatch({request, other, reply});
        QCOMPARE(view.toPlainText(), QStringLiteral("GET / HTTP/1.0\\r\n\\r\nHTTP/1.0 200 OK"));
    }

    void directionsAreColouredDifferently() {
        const SavedSession session({}, {m_events.data(1, Direction::Out, "ping\n"),
                                        m_events.data(1, Direction::In, "pong\n")});
        FollowStreamView view(&session);
        view.setConnection(1);
        const QTextDocument* document = view.document();
        const QColor out =
            document->firstBlock().begin().fragment().charFormat().foreground().color();
        const QColor in =
            document->findBlockByNumber(1).begin().fragment().charFormat().foreground().color();
        QCOMPARE(document->findBlockByNumber(1).text(), QStringLiteral("pong"));
        QVERIFY(out != in);
    }

    void hostileBytesAreEscaped() {
        const SavedSession session({}, {m_events.data(1, Direction::In,
                                                      "\x1b[2J\xe2\x80\xae"
                                                      "evil")});
        FollowStreamView view(&session);
        view.setConnection(1);
        const QString text = view.toPlainText();
        QVERIFY2(!text.contains(QChar(0x1b)), qPrintable(text));
        QVERIFY2(!text.contains(QChar(0x202e)), qPrintable(text));
        QVERIFY(text.contains(u"evil"));
    }

    void stopsAtItsLimitAndSaysSo() {
        const QByteArray chunk(256 * 1024, 'a');
        const int chunks = int(FollowStreamView::kMaxShownBytes / chunk.size()) + 2;
        EventBatch events;
        for (int i = 0; i < chunks; ++i)
            events.append(m_events.data(1, Direction::In, chunk));
        const SavedSession session({}, events);
        FollowStreamView view(&session);
        view.setConnection(1);
        const QString text = view.toPlainText();
        QVERIFY(text.size() < FollowStreamView::kMaxShownBytes + 1024);
        QVERIFY(text.contains(u"export the session"));
    }

    void previewsAreReadInFullAndDropsSaidSo() {
        // Batches carry only the start of a large chunk; the source has the rest...
        const CaptureEvent whole = m_events.data(1, Direction::In, QByteArray(500, 'a') + "END");
        // ...unless the capture budget dropped it before its batch arrived.
        const CaptureEvent dropped = m_events.data(1, Direction::Out, QByteArray(300, 'b'));
        FakeSessionSource source;
        FollowStreamView view(&source);
        view.setConnection(1);
        source.add({whole});
        view.appendBatch(withPayloadPreviews({whole, dropped}, 100));
        const QString text = view.toPlainText();
        QVERIFY2(text.startsWith(QString(500, u'a') + QStringLiteral("END\n")), qPrintable(text));
        QVERIFY2(text.contains(u"[300 B sent: payload dropped under the capture budget]"),
                 qPrintable(text));
        // Not the preview, as if it were all.
        QVERIFY2(!text.contains(QString(100, u'b')), qPrintable(text));
    }

    void switchingConnectionStartsOver() {
        const SavedSession session(
            {}, {m_events.data(1, Direction::In, "one"), m_events.data(2, Direction::In, "two")});
        FollowStreamView view(&session);
        view.setConnection(1);
        view.setConnection(2);
        QCOMPARE(view.toPlainText(), QStringLiteral("two"));
        view.setConnection(0);
        QVERIFY(view.toPlainText().isEmpty());
    }
};

QTEST_MAIN(tst_FollowStreamView)
#include "tst_followstreamview.moc"
