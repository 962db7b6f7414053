#include "framingview.h"

#include "base/payloadtext.h"
#include "capture/capturestore.h"
#include "framingpicker.h"
#include "models/byteformat.h"
#include "models/palettecolors.h"
#include "models/timeformat.h"
#include "sessionsource.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sockscope {

namespace {
constexpr int kPreviewChars = 120;

} // namespace

FramingView::FramingView(const SessionSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_picker(new FramingPicker(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_tail(new QLabel(this)) {
    m_table->setAccessibleName(tr("Messages"));
    m_table->setHorizontalHeaderLabels(
        {tr("Dir"), tr("Offset"), tr("Size"), tr("Completed at"), tr("Message")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(DirectionColumn, metrics.horizontalAdvance(tr("out")) * 3);
    m_table->setColumnWidth(OffsetColumn, metrics.horizontalAdvance(QStringLiteral("00000000")));
    m_table->setColumnWidth(SizeColumn, metrics.horizontalAdvance(QStringLiteral("0000000")));
    m_table->setColumnWidth(TimeColumn,
                            metrics.horizontalAdvance(QStringLiteral("00:00:00.000000 ")));
    m_table->horizontalHeaderItem(TimeColumn)
        ->setToolTip(tr("When the chunk that completed the message was read or sent"));
    m_tail->setWordWrap(true);
    m_tail->setAccessibleName(tr("Incomplete tail"));
    m_tail->setTextFormat(Qt::PlainText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_picker);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_tail);
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &FramingView::frameSlice);
    connect(m_picker, &FramingPicker::changed, this, &FramingView::reframe);
    reframe();
}

void FramingView::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    reframe();
}

void FramingView::reframe() {
    m_table->setRowCount(0);
    m_position = 0;
    // A delimiter with a typo frames as the chunks were read; its error
    // shows beside it.
    const std::optional<FramingRule> framingRule = m_picker->rule();
    for (Stream* stream : {&m_in, &m_out}) {
        stream->framer = framingRule ? std::make_unique<StreamFramer>(*framingRule) : nullptr;
        stream->offset = 0;
    }
    frameSlice();
}

void FramingView::appendBatch(const EventBatch& events) {
    if (m_conn == 0 || m_slice.isActive())
        return; // a running pass reaches the new bytes by itself
    const bool touched = std::any_of(events.begin(), events.end(), [this](const CaptureEvent& e) {
        return e.kind == EventKind::Data && e.conn == m_conn;
    });
    if (touched)
        frameSlice();
}

bool FramingView::isDone() const {
    // Nothing more can be shown: the table is full, or both framers failed.
    const auto failed = [](const Stream& s) {
        return s.framer && s.framer->hasError();
    };
    return m_table->rowCount() >= kMaxRows || (failed(m_in) && failed(m_out));
}

void FramingView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    frameSlice();
}

void FramingView::frameSlice() {
    m_slice.stop();
    // Framing is for the person looking at it: a hidden tab reads nothing,
    // and picks up where it stopped when it is shown.
    if (!isVisible())
        return;
    const qint64 length = m_conn != 0 ? m_source->store().streamLength(m_conn) : 0;
    // A slice reads a few pages, then lets the window paint and take input:
    // framing a multi-GiB connection never freezes it, and a new selection
    // or framing (reframe) simply starts over.
    for (qint64 read = 0; m_position < length && read < kSliceBytes && !isDone();) {
        const qint64 page = std::min<qint64>(kPageBytes, length - m_position);
        for (const StreamSegment& segment : m_source->store().streamRange(m_conn, m_position, page))
            appendSegment(segment);
        m_position += page;
        read += page;
    }
    if (isDone())
        m_position = length; // the rest is skipped, not read
    updateTail(length);
    if (m_position < length)
        m_slice.start();
}

void FramingView::appendSegment(const StreamSegment& segment) {
    if (segment.isGap()) {
        // No frame can be found across bytes that were not kept; a gap
        // between evicted chunks may hold either direction's bytes.
        for (Direction dir : {Direction::In, Direction::Out}) {
            if (segment.dir == Direction::None || segment.dir == dir) {
                Stream& stream = streamOf(dir);
                if (stream.framer)
                    stream.framer->appendGap(segment.size);
                stream.offset += segment.dir == dir ? segment.size : 0;
            }
        }
        return;
    }
    Stream& stream = streamOf(segment.dir);
    if (!stream.framer) {
        // Chunks as read: a row where each chunk starts, with its true size.
        if (segment.offsetInChunk == 0 && m_table->rowCount() < kMaxRows)
            addRow(segment.dir, stream.offset, segment.chunkSize, segment.timeUs,
                   escapedPreview(segment.bytes.first(std::min<qsizetype>(segment.bytes.size(),
                                                                          kBatchPreviewBytes)),
                                  kPreviewChars, segment.chunkSize));
        stream.offset += segment.size;
        return;
    }
    stream.framer->append(segment.bytes, segment.timeUs);
    // Taken, not kept: the table row holds the preview, the framer nothing.
    for (const FramedMessage& message : stream.framer->takeMessages()) {
        if (m_table->rowCount() >= kMaxRows)
            break;
        addRow(segment.dir, message.offset, message.frameSize, message.timeUs,
               escapedPreview(message.payload, kPreviewChars));
    }
}

void FramingView::addRow(Direction dir, qint64 offset, qint64 size, qint64 timeUs,
                         const QString& preview) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QPalette& palette = m_table->palette();
    const QStringList cells = {dir == Direction::In ? tr("in") : tr("out"), QString::number(offset),
                               QString::number(size), formatLocalTimeUs(timeUs), preview};
    for (int column = 0; column < ColumnCount; ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        item->setForeground(directionForeground(palette, dir));
        item->setBackground(directionBackground(palette, dir));
        if (column == OffsetColumn || column == SizeColumn)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, column, item);
    }
}

void FramingView::updateTail(qint64 length) {
    QStringList notes;
    if (m_position < length) {
        notes += tr("Framing… %1 of %2 read").arg(formatBytes(m_position), formatBytes(length));
    }
    for (Direction dir : {Direction::In, Direction::Out}) {
        const Stream& stream = streamOf(dir);
        if (!stream.framer)
            continue;
        const QString name = dir == Direction::In ? tr("in") : tr("out");
        if (stream.framer->hasError()) {
            notes += tr("%1: framing stopped at offset %2: %3")
                         .arg(name)
                         .arg(stream.framer->errorOffset())
                         .arg(stream.framer->error());
        } else if (!stream.framer->tail().isEmpty()) {
            notes += tr("%1: incomplete message at offset %2 (%3 bytes so far): %4")
                         .arg(name)
                         .arg(stream.framer->tailOffset())
                         .arg(stream.framer->tail().size())
                         .arg(escapedPreview(stream.framer->tail(), kPreviewChars));
        }
    }
    const bool failed =
        (m_in.framer && m_in.framer->hasError()) || (m_out.framer && m_out.framer->hasError());
    if (m_table->rowCount() >= kMaxRows)
        notes += tr("Showing the first %1 messages; framing stopped there. Follow stream and "
                    "the exports have the whole stream.")
                     .arg(kMaxRows);
    m_tail->setText(notes.join(u'\n'));
    m_tail->setVisible(!notes.isEmpty());
    QPalette palette = m_tail->palette();
    palette.setColor(QPalette::WindowText, failed ? errorForeground(m_table->palette())
                                                  : m_table->palette().color(QPalette::Text));
    m_tail->setPalette(palette);
}

} // namespace sockscope
