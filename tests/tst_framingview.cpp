#include "eventfactory.h"
#include "fakesessionsource.h"
#include "findpart.h"
#include "framingpicker.h"
#include "framingview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QTest>

using namespace sockscope;
using parts::byAccessibleName;
using parts::named;

namespace {
QStringList column(const QTableWidget* table, int column) {
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row)
        cells += table->item(row, column)->text();
    return cells;
}
} // namespace

class tst_FramingView final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;

    void selectFraming(FramingView& view, FramingPicker::Framing framing) {
        byAccessibleName<QComboBox>(&view, u"Framing"_qs)
            ->setCurrentIndex(byAccessibleName<QComboBox>(&view, u"Framing"_qs)->findData(framing));
    }

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void oddPiecesFrameIntoLines() {
        // "hello\nworld\r\n" then "bye" arrives in pieces that cut across lines.
        FakeSessionSource source(
            {m_events.data(7, Direction::In, "hel"), m_events.data(7, Direction::In, "lo\nwo"),
             m_events.data(8, Direction::In, "other connection\n"),
             m_events.data(7, Direction::In, "rld\r"), m_events.data(7, Direction::Out, "ok\n")});
        FramingView view(&source);
        view.show();
        selectFraming(view, FramingPicker::Lines);
        view.setConnection(7);

        QTableWidget* table = view.table();
        QCOMPARE(column(table, FramingView::PreviewColumn), (QStringList{"hello", "ok"}));
        QCOMPARE(column(table, FramingView::DirectionColumn), (QStringList{"in", "out"}));
        QCOMPARE(column(table, FramingView::OffsetColumn), (QStringList{"0", "0"}));
        QCOMPARE(column(table, FramingView::SizeColumn), (QStringList{"6", "3"}));
        // "wo" + "rld\r" wait for their "\n": the incomplete tail is shown.
        QVERIFY(view.tailLabel()->isVisibleTo(&view));
        QVERIFY2(view.tailLabel()->text().contains(u"offset 6 (6 bytes so far)"),
                 qPrintable(view.tailLabel()->text()));

        // New chunks are framed incrementally, as they arrive.
        const CaptureEvent rest = m_events.data(7, Direction::In, "\nbye\n");
        source.add({rest});
        view.appendBatch({rest});
        view.appendBatch({rest}); // a chunk seen twice is framed once
        QTRY_COMPARE(column(table, FramingView::PreviewColumn),
                     (QStringList{"hello", "ok", "world", "bye"}));
        QCOMPARE(table->item(2, FramingView::OffsetColumn)->text(), u"6"_qs);
        QCOMPARE(table->item(2, FramingView::SizeColumn)->text(), u"7"_qs);
        QVERIFY(!view.tailLabel()->isVisibleTo(&view));

        // The same bytes as read: one row per chunk.
        selectFraming(view, FramingPicker::Chunks);
        QCOMPARE(column(table, FramingView::PreviewColumn),
                 (QStringList{"hel", "lo\\nwo", "rld\\r", "ok\\n", "\\nbye\\n"}));
    }

    void delimiterAndLengthPrefix() {
        FakeSessionSource source({m_events.data(1, Direction::In, QByteArray("a|b", 3)),
                                  m_events.data(1, Direction::In, QByteArray("c|\x00\x02hi", 6))});
        FramingView view(&source);
        view.show();
        view.setConnection(1);
        selectFraming(view, FramingPicker::Delimiter);
        QVERIFY(named<QLineEdit>(&view, u"delimiter"_qs)->isVisibleTo(&view));
        named<QLineEdit>(&view, u"delimiter"_qs)->setText(u"|"_qs);
        QCOMPARE(column(view.table(), FramingView::PreviewColumn), (QStringList{"a", "bc"}));

        // A length prefix over the limit stops the framing with an error.
        selectFraming(view, FramingPicker::LengthPrefix);
        byAccessibleName<QComboBox>(&view, u"Length prefix"_qs)
            ->setCurrentIndex(1); // 2 bytes, big-endian: "a|" is 24956 bytes
        QCOMPARE(view.table()->rowCount(), 0);
        QVERIFY(view.tailLabel()->text().contains(u"incomplete message at offset 0"));
        byAccessibleName<QComboBox>(&view, u"Length prefix"_qs)
            ->setCurrentIndex(0); // 1 byte: 'a' = 97 bytes, never complete
        QVERIFY(view.tailLabel()->text().contains(u"(9 bytes so far)"));
    }

    void framesFromTheStoreAndAGapStopsTheFraming() {
        FakeSessionSource source;
        source.setKeepPolicy(1, KeepPolicy{KeepPolicy::Mode::Head, 24});
        FramingView view(&source);
        view.show();
        selectFraming(view, FramingPicker::Lines);
        view.setConnection(1);
        // The batch carries a preview "firs"; the store has the whole chunk.
        const CaptureEvent whole = m_events.data(1, Direction::In, "first line\nsecond ");
        source.add({whole});
        view.appendBatch(withPayloadPreviews({whole}, 4));
        QTRY_COMPARE(column(view.table(), FramingView::PreviewColumn), (QStringList{"first line"}));
        QVERIFY(view.tailLabel()->text().contains(u"(7 bytes so far)"));

        // The keep policy keeps 24 bytes: framing cannot go on past them.
        const CaptureEvent cut = m_events.data(1, Direction::In, "line\nthird line\n");
        source.add({cut});
        view.appendBatch({cut});
        QTRY_VERIFY2(view.tailLabel()->text().contains(
                         u"framing stopped at offset 24: the next 10 bytes were not kept"),
                     qPrintable(view.tailLabel()->text()));
        QCOMPARE(column(view.table(), FramingView::PreviewColumn),
                 (QStringList{"first line", "second line"}));

        // Chunks as read: one row per chunk with its true size.
        selectFraming(view, FramingPicker::Chunks);
        QTRY_COMPARE(view.table()->rowCount(), 2);
        QCOMPARE(view.table()->item(1, FramingView::SizeColumn)->text(), u"16"_qs);
        QCOMPARE(view.table()->item(1, FramingView::PreviewColumn)->text(),
                 u"line\\nt… +10 bytes"_qs);
    }

    void aHugeStreamIsFramedInSlicesAndStopsAtTheRowLimit() {
        // 64 MiB of zeros with a 4-byte prefix: 16 M empty messages, once
        // 700 MB of rows; now 10,000 rows, read a slice at a time.
        FakeSessionSource source;
        const QByteArray zeros(1 << 20, '\0');
        EventBatch chunks;
        for (int i = 0; i < 64; ++i)
            chunks.append(m_events.data(1, Direction::In, zeros));
        source.add(chunks);
        FramingView view(&source);
        view.show();
        view.setConnection(1);
        selectFraming(view, FramingPicker::LengthPrefix);
        byAccessibleName<QComboBox>(&view, u"Length prefix"_qs)->setCurrentIndex(2);
        QTRY_COMPARE(view.table()->rowCount(), 10'000);
        QTRY_VERIFY2(view.tailLabel()->text().contains(u"Showing the first 10000 messages"),
                     qPrintable(view.tailLabel()->text()));
        // It stopped reading where the table filled up, far before the end.
        QVERIFY(source.store().bytesRead() < 8 << 20);
    }

    void framingErrorIsShown() {
        FakeSessionSource source(
            {m_events.data(1, Direction::In, QByteArray("\xff\xff\xff\xff", 4))});
        FramingView view(&source);
        view.show();
        view.setConnection(1);
        selectFraming(view, FramingPicker::LengthPrefix);
        byAccessibleName<QComboBox>(&view, u"Length prefix"_qs)
            ->setCurrentIndex(2); // 4 bytes, big-endian: 4 GiB, over the limit
        QVERIFY2(view.tailLabel()->text().contains(u"framing stopped at offset 0"),
                 qPrintable(view.tailLabel()->text()));
    }
};

QTEST_MAIN(tst_FramingView)
#include "tst_framingview.moc"
