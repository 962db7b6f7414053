#include "followstreamview.h"

#include "base/fileerror.h"
#include "capture/capturestore.h"
#include "models/byteformat.h"
#include "models/palettecolors.h"
#include "models/streamlayout.h"
#include "sessionfolder.h"
#include "sessionsource.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QScrollBar>

#include <algorithm>

namespace sockscope {

namespace {

// Saving or copying a whole stream reads it in slices of this size, so that
// memory stays bounded whatever its length.
constexpr qint64 kReadSlice = 1024 * 1024;
// Scroll bars hold an int: longer streams scroll in steps of several bytes.
constexpr qint64 kMaxScrollValue = 1 << 30;
constexpr int kMargin = 4;

} // namespace

FollowStreamView::FollowStreamView(const SessionSource* source, QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_source(source)
    , m_layout(std::make_unique<StreamLayout>()) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Follow stream"));
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this,
            &FollowStreamView::onScrollAction);
    relayout();
}

FollowStreamView::~FollowStreamView() = default;

void FollowStreamView::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    const CaptureStore* store = conn == 0 ? nullptr : &m_source->store();
    m_length = store ? store->streamLength(conn) : 0;
    m_layout->reset(store, conn, m_length);
    m_top = 0;
    relayout();
}

void FollowStreamView::appendBatch(const EventBatch& events) {
    if (m_conn == 0)
        return;
    const bool ours = std::any_of(events.cbegin(), events.cend(), [this](const CaptureEvent& e) {
        return e.kind == EventKind::Data && e.conn == m_conn;
    });
    if (!ours)
        return;
    const qint64 length = m_source->store().streamLength(m_conn);
    if (length == m_length)
        return;
    const bool follow = m_top >= endTop();
    m_length = length;
    m_layout->setLength(length);
    m_endTop.reset();
    m_rows.reset();
    if (follow)
        m_top = endTop();
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::setMode(Mode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    relayout();
    Q_EMIT modeChanged(mode);
}

void FollowStreamView::setShowChunkBoundaries(bool show) {
    if (show == m_showChunkBoundaries)
        return;
    m_showChunkBoundaries = show;
    viewport()->update();
    Q_EMIT showChunkBoundariesChanged(show);
}

void FollowStreamView::scrollToOffset(qint64 offset) {
    if (m_length > 0)
        setTop(m_layout->rowStart(std::clamp<qint64>(offset, 0, m_length - 1)));
}

QStringList FollowStreamView::visibleRows() const {
    QStringList texts;
    for (const StreamRow& row : rows())
        texts.append(rowText(row));
    return texts;
}

void FollowStreamView::copyVisible() const {
    QGuiApplication::clipboard()->setText(visibleRows().join(u'\n'));
}

QString FollowStreamView::toPlainText() const {
    if (m_conn == 0)
        return {};
    QString text;
    // One direction's bytes are escaped together, so that a character split
    // between two reads stays whole; a gap's size adds up across slices.
    QByteArray run;
    Direction runDir = Direction::None;
    qint64 gap = 0;
    const auto endRun = [&] {
        appendEscapedLines(text, run);
        run.clear();
    };
    const auto endGap = [&] {
        if (gap == 0)
            return;
        if (!text.isEmpty() && !text.endsWith(u'\n'))
            text += u'\n';
        text += gapNote(gap) + u'\n';
        gap = 0;
    };
    qint64 shown = 0;
    qint64 at = 0;
    while (at < m_length && shown < kMaxPlainTextBytes) {
        const QList<StreamSegment> segments = m_source->store().streamRange(m_conn, at, kReadSlice);
        if (segments.isEmpty())
            break;
        for (const StreamSegment& segment : segments) {
            if (segment.isGap()) {
                endRun();
                gap += segment.size;
                at = segment.offset + segment.size;
                continue;
            }
            endGap();
            if (segment.dir != runDir) {
                endRun();
                runDir = segment.dir;
            }
            const qint64 take = std::min(segment.size, kMaxPlainTextBytes - shown);
            run += segment.bytes.first(take);
            shown += take;
            at = segment.offset + take;
            if (shown == kMaxPlainTextBytes)
                break;
        }
    }
    endRun();
    endGap();
    if (at < m_length)
        text += tr("\n[%1 more not shown]").arg(formatBytes(m_length - at));
    return text;
}

bool FollowStreamView::saveStream(const QString& path, Direction which, QString* error) const {
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = tr("Could not save the stream to %1: %2")
                         .arg(QDir::toNativeSeparators(path), reason);
        return false;
    };
    if (m_conn == 0)
        return fail(tr("no connection is selected"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(fileErrorText(file));
    const CaptureStore& store = m_source->store();
    const qint64 length = store.streamLength(m_conn);
    for (qint64 offset = 0; offset < length; offset += kReadSlice) {
        for (const StreamSegment& segment : store.streamRange(m_conn, offset, kReadSlice)) {
            if (segment.isGap() || (which != Direction::None && segment.dir != which))
                continue;
            if (file.write(segment.bytes) != segment.bytes.size())
                return fail(fileWriteErrorText(file));
        }
    }
    if (!file.commit())
        return fail(fileWriteErrorText(file));
    if (error)
        error->clear();
    return true;
}

void FollowStreamView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(viewport());
    if (m_conn == 0) {
        paintHint(painter, tr("Select a connection to follow its conversation. Blue: received "
                              "from the peer. Orange: sent by SockScope."));
        return;
    }
    if (m_length == 0) {
        paintHint(painter, tr("Nothing has passed on this connection yet."));
        return;
    }
    painter.translate(-horizontalScrollBar()->value(), 0);
    const int lineHeight = fontMetrics().lineSpacing();
    int y = 0;
    for (const StreamRow& row : rows()) {
        paintRow(painter, row, y);
        y += lineHeight;
    }
}

void FollowStreamView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void FollowStreamView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Copy)) {
        copyVisible();
    } else if (event->key() == Qt::Key_Up) {
        scrollRows(-1);
    } else if (event->key() == Qt::Key_Down) {
        scrollRows(1);
    } else if (event->key() == Qt::Key_PageUp) {
        scrollRows(-pageRows());
    } else if (event->key() == Qt::Key_PageDown) {
        scrollRows(pageRows());
    } else if (event->key() == Qt::Key_Home) {
        setTop(0);
    } else if (event->key() == Qt::Key_End) {
        scrollToEnd();
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void FollowStreamView::wheelEvent(QWheelEvent* event) {
    if (event->angleDelta().y() == 0) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    // Touchpads send small deltas: scroll whole rows once they add up to a notch.
    m_wheelDelta += event->angleDelta().y();
    const int notches = m_wheelDelta / QWheelEvent::DefaultDeltasPerStep;
    m_wheelDelta -= notches * QWheelEvent::DefaultDeltasPerStep;
    scrollRows(-notches * QApplication::wheelScrollLines());
    event->accept();
}

void FollowStreamView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    menu.addAction(tr("&Copy visible rows"), this, &FollowStreamView::copyVisible)
        ->setEnabled(m_length > 0);
    menu.addSeparator();
    auto* modes = new QActionGroup(&menu);
    const std::pair<Mode, QString> modeNames[] = {{Mode::Text, tr("As &text")},
                                                  {Mode::Hex, tr("As &hex dump")},
                                                  {Mode::Raw, tr("As &raw hex")}};
    for (const auto& [mode, name] : modeNames) {
        QAction* action = menu.addAction(name, this, [this, mode = mode] { setMode(mode); });
        action->setCheckable(true);
        action->setChecked(mode == m_mode);
        modes->addAction(action);
    }
    QAction* chunks = menu.addAction(tr("Show c&hunk boundaries"), this,
                                     &FollowStreamView::setShowChunkBoundaries);
    chunks->setCheckable(true);
    chunks->setChecked(m_showChunkBoundaries);
    menu.addSeparator();
    QMenu* save = menu.addMenu(tr("&Save this stream"));
    save->setEnabled(m_conn != 0);
    save->addAction(tr("&Both directions…"), this, [this] { saveInteractively(Direction::None); });
    save->addAction(tr("&Received only…"), this, [this] { saveInteractively(Direction::In); });
    save->addAction(tr("&Sent only…"), this, [this] { saveInteractively(Direction::Out); });
    menu.exec(event->globalPos());
}

void FollowStreamView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    // Colours are mixed from the palette at each paint, so a switch between
    // light and dark themes needs only a repaint; a new font moves every row.
    if (event->type() == QEvent::PaletteChange)
        viewport()->update();
    else if (event->type() == QEvent::FontChange)
        relayout();
}

void FollowStreamView::scrollContentsBy(int dx, int dy) {
    if (dx != 0)
        viewport()->update();
    if (dy == 0 || m_syncingScrollBars || m_length == 0)
        return;
    // The slider was dragged (or wheeled): show the row at its offset, and
    // leave the slider where the hand put it.
    const QScrollBar* bar = verticalScrollBar();
    const qint64 granularity = scrollGranularity();
    if (bar->value() == m_top / granularity)
        return;
    const qint64 top = bar->value() >= bar->maximum()
                           ? endTop()
                           : std::min(m_layout->rowStart(bar->value() * granularity), endTop());
    if (top != m_top) {
        m_top = top;
        m_rows.reset();
        viewport()->update();
    }
}

int FollowStreamView::fullRows() const {
    return std::max(1, viewport()->height() / fontMetrics().lineSpacing());
}

int FollowStreamView::pageRows() const {
    return std::max(1, fullRows() - 1);
}

int FollowStreamView::textColumns() const {
    // The real advance, not the rounded one: rounded down, a row of 140
    // characters overran the view by a character.
    const qreal charWidth = std::max(1.0, QFontMetricsF(font()).horizontalAdvance(u'0'));
    return std::max(8, int((viewport()->width() - 2 * kMargin) / charWidth));
}

int FollowStreamView::offsetDigits() const {
    const qint64 last = std::max<qint64>(0, m_length - 1);
    return std::max(8, int(QString::number(last, 16).size()));
}

void FollowStreamView::relayout() {
    if (m_mode == Mode::Text)
        m_layout->setTextRows(textColumns());
    else
        m_layout->setByteRows(m_mode == Mode::Hex ? kHexBytesPerRow : kRawBytesPerRow);
    m_endTop.reset();
    m_rows.reset();
    m_top =
        m_length == 0 ? 0 : std::min(m_layout->rowStart(std::min(m_top, m_length - 1)), endTop());
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::setTop(qint64 top) {
    top = std::clamp<qint64>(top, 0, endTop());
    if (top == m_top)
        return;
    m_top = top;
    m_rows.reset();
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::scrollRows(int rows) {
    if (m_length == 0 || rows == 0)
        return;
    if (rows < 0) {
        setTop(m_layout->rowsAbove(m_top, -rows));
        return;
    }
    // Down only as far as keeps the viewport full.
    const QList<StreamRow> ahead = m_layout->rowsFrom(m_top, fullRows() + rows);
    const int move = std::clamp(int(ahead.size()) - fullRows(), 0, rows);
    if (move > 0)
        setTop(ahead[move].offset);
}

void FollowStreamView::scrollToEnd() {
    setTop(endTop());
}

qint64 FollowStreamView::endTop() const {
    if (!m_endTop)
        m_endTop = m_length == 0 ? 0 : m_layout->endTop(fullRows());
    return *m_endTop;
}

qint64 FollowStreamView::scrollGranularity() const {
    const qint64 unit = m_mode == Mode::Text ? 1 : m_layout->bytesPerRow();
    return std::max(unit, (m_length + kMaxScrollValue - 1) / kMaxScrollValue);
}

void FollowStreamView::syncScrollBars() {
    const QScopedValueRollback syncing(m_syncingScrollBars, true);
    const qint64 granularity = scrollGranularity();
    const qint64 end = endTop();
    QScrollBar* vertical = verticalScrollBar();
    vertical->setRange(0, int(end / granularity));
    vertical->setPageStep(int(std::max<qint64>(1, (m_length - end) / granularity)));
    const qint64 rowBytes = m_mode == Mode::Text ? textColumns() : m_layout->bytesPerRow();
    vertical->setSingleStep(int(std::max<qint64>(1, rowBytes / granularity)));
    vertical->setValue(int(m_top / granularity));

    const int charWidth = fontMetrics().horizontalAdvance(u'0');
    const int lineChars = m_mode == Mode::Hex   ? hexLineChars(offsetDigits())
                          : m_mode == Mode::Raw ? 2 * kRawBytesPerRow
                                                : 0;
    const int width = lineChars == 0 ? 0 : lineChars * charWidth + 2 * kMargin;
    QScrollBar* horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, width - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(charWidth);
}

void FollowStreamView::onScrollAction(int action) {
    switch (action) {
    case QAbstractSlider::SliderSingleStepAdd:
        scrollRows(1);
        break;
    case QAbstractSlider::SliderSingleStepSub:
        scrollRows(-1);
        break;
    case QAbstractSlider::SliderPageStepAdd:
        scrollRows(pageRows());
        break;
    case QAbstractSlider::SliderPageStepSub:
        scrollRows(-pageRows());
        break;
    case QAbstractSlider::SliderToMinimum:
        setTop(0);
        break;
    case QAbstractSlider::SliderToMaximum:
        scrollToEnd();
        break;
    default:
        return; // a drag: scrollContentsBy() follows the value
    }
    // The slider goes where the rows went, not where a step of bytes would.
    const QScopedValueRollback syncing(m_syncingScrollBars, true);
    verticalScrollBar()->setSliderPosition(int(m_top / scrollGranularity()));
}

const QList<StreamRow>& FollowStreamView::rows() const {
    if (!m_rows) {
        m_rows = std::make_unique<QList<StreamRow>>(
            m_length == 0 ? QList<StreamRow>() : m_layout->rowsFrom(m_top, paintedRows()));
    }
    return *m_rows;
}

QString FollowStreamView::rowText(const StreamRow& row) const {
    if (row.gap)
        return gapNote(row.end - row.offset);
    switch (m_mode) {
    case Mode::Text: {
        QString text;
        for (const StreamRow::Piece& piece : row.pieces)
            text += piece.text;
        return text;
    }
    case Mode::Hex:
        return hexLine(row.offset, row.bytes, offsetDigits());
    case Mode::Raw:
        return rawLine(row.offset, row.bytes);
    }
    return {};
}

QString FollowStreamView::gapNote(qint64 bytes) const {
    return tr("[%1 not kept]").arg(formatBytes(bytes));
}

void FollowStreamView::paintHint(QPainter& painter, const QString& text) const {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
}

void FollowStreamView::paintRow(QPainter& painter, const StreamRow& row, int y) const {
    if (!row.gap) {
        if (m_mode == Mode::Text)
            paintTextRow(painter, row, y);
        else
            paintHexRow(painter, row, y);
        return;
    }
    // Missing bytes are said to be missing, never drawn as zeros.
    QFont italic = font();
    italic.setItalic(true);
    painter.setFont(italic);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(kMargin, y + fontMetrics().ascent(), rowText(row));
    painter.setFont(font());
}

void FollowStreamView::paintTextRow(QPainter& painter, const StreamRow& row, int y) const {
    const QFontMetrics metrics = fontMetrics();
    int x = kMargin;
    for (const StreamRow::Piece& piece : row.pieces) {
        const int width = metrics.horizontalAdvance(piece.text);
        painter.fillRect(QRect(x, y, width, metrics.lineSpacing()),
                         directionBackground(palette(), piece.dir));
        painter.setPen(directionForeground(palette(), piece.dir));
        painter.drawText(x, y + metrics.ascent(), piece.text);
        if (piece.chunkStart && m_showChunkBoundaries)
            paintChunkMarker(painter, x, y, piece.dir);
        x += width;
    }
}

void FollowStreamView::paintHexRow(QPainter& painter, const StreamRow& row, int y) const {
    const QFontMetrics metrics = fontMetrics();
    const int charWidth = metrics.horizontalAdvance(u'0');
    const int baseline = y + metrics.ascent();
    const QString line = rowText(row);
    const auto xOf = [&](int column) {
        return kMargin + column * charWidth;
    };
    const auto paintColumns = [&](int from, int to, Direction dir) {
        painter.fillRect(QRect(xOf(from), y, (to - from) * charWidth, metrics.lineSpacing()),
                         directionBackground(palette(), dir));
        painter.setPen(directionForeground(palette(), dir));
        painter.drawText(xOf(from), baseline, line.mid(from, to - from));
    };
    const bool hex = m_mode == Mode::Hex;
    const int digits = offsetDigits();
    if (hex) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(xOf(0), baseline, line.left(digits));
        painter.drawText(xOf(asciiColumn(digits) - 1), baseline, QStringLiteral("|"));
        painter.drawText(xOf(hexLineChars(digits) - 1), baseline, QStringLiteral("|"));
    }
    const int firstColumn = int(row.offset % m_layout->bytesPerRow());
    for (const StreamRow::Piece& piece : row.pieces) {
        const int first = firstColumn + int(piece.first);
        const int last = first + int(piece.count) - 1;
        const int from = hex ? hexColumn(first, digits) : 2 * first;
        // A hex cell's trailing space joins it to the next cell of its piece.
        const int to = hex ? hexColumn(last, digits) + 3 : 2 * last + 2;
        paintColumns(from, to, piece.dir);
        if (hex)
            paintColumns(asciiColumn(digits) + first, asciiColumn(digits) + last + 1, piece.dir);
        if (piece.chunkStart && m_showChunkBoundaries) {
            paintChunkMarker(painter, xOf(from) - (hex ? charWidth / 2 : 0), y, piece.dir);
            if (hex)
                paintChunkMarker(painter, xOf(asciiColumn(digits) + first), y, piece.dir);
        }
    }
}

void FollowStreamView::paintChunkMarker(QPainter& painter, int x, int y, Direction dir) const {
    painter.fillRect(QRect(x, y, 2, fontMetrics().lineSpacing()),
                     directionForeground(palette(), dir));
}

void FollowStreamView::saveInteractively(Direction which) {
    const QString suffix = which == Direction::In    ? QStringLiteral("-received")
                           : which == Direction::Out ? QStringLiteral("-sent")
                                                     : QString();
    const QString name = QStringLiteral("connection-%1%2.bin").arg(m_conn).arg(suffix);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save this stream"),
                                                      QDir(sessionFolder()).filePath(name));
    if (path.isEmpty())
        return;
    rememberSessionFolder(path);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool saved = saveStream(path, which, &error);
    QApplication::restoreOverrideCursor();
    if (!saved)
        QMessageBox::warning(this, tr("Save this stream"), error);
}

} // namespace sockscope
