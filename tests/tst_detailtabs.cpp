// The hex pane shows a chunk's whole payload, fetched from the session when
// the batch carried only a preview, and says so when the payload is gone.
#include "capture/payloadtext.h"
#include "detailtabs.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "models/eventlogmodel.h"

#include <QPlainTextEdit>
#include <QTest>

using namespace sockscope;

namespace {
QByteArray pattern(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i % 251);
    return bytes;
}
} // namespace

class tst_DetailTabs final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    FakeSessionSource m_source;
    EventLogModel m_log;

private Q_SLOTS:
    void init() {
        m_events = EventFactory();
        m_source.clear();
    }

    void hexShowsTheWholePayloadOfAPreview() {
        const CaptureEvent chunk = m_events.data(1, Direction::In, pattern(5000));
        m_source.add({chunk});
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(withPayloadPreviews({chunk}, 100).first());
        QCOMPARE(tabs.hexView()->toPlainText(), hexDump(chunk.data));
    }

    void hexShowsACompleteChunkAsItIs() {
        // A saved session's chunks are whole: nothing to fetch.
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(m_events.data(1, Direction::Out, "hello"));
        QCOMPARE(tabs.hexView()->toPlainText(), hexDump("hello"));
        tabs.showChunk({});
        QVERIFY(tabs.hexView()->toPlainText().isEmpty());
    }

    void hexSaysWhenThePayloadWasDropped() {
        // Evicted under the budget between its batch and the click.
        const CaptureEvent chunk = m_events.data(1, Direction::In, pattern(5000));
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(withPayloadPreviews({chunk}, 100).first());
        const QString text = tabs.hexView()->toPlainText();
        QVERIFY2(text.startsWith(u"Payload dropped under the capture budget: only the first 100 "
                                 u"of 5"),
                 qPrintable(text));
        QVERIFY2(text.endsWith(hexDump(chunk.data.first(100))), qPrintable(text));
    }
};

QTEST_MAIN(tst_DetailTabs)
#include "tst_detailtabs.moc"
