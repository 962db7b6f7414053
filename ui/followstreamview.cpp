#include "followstreamview.h"

#include "capture/payloadtext.h"
#include "models/byteformat.h"
#include "palettecolors.h"
#include "sessionsource.h"

#include <QEvent>
#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

namespace sockscope {

FollowStreamView::FollowStreamView(const SessionSource* source, QWidget* parent)
    : QPlainTextEdit(parent)
    , m_source(source) {
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setAccessibleName(tr("Follow stream"));
    setPlaceholderText(tr("Select a connection to follow its conversation. Blue: received "
                          "from the peer. Orange: sent by SockScope."));
}

void FollowStreamView::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    reload();
}

void FollowStreamView::changeEvent(QEvent* event) {
    QPlainTextEdit::changeEvent(event);
    // The direction colours are baked into the text; a switch between light
    // and dark themes needs them mixed again from the new palette.
    if (event->type() == QEvent::PaletteChange && m_conn != 0)
        reload();
}

void FollowStreamView::reload() {
    m_lastSeq = 0;
    m_shownBytes = 0;
    m_hiddenBytes = 0;
    clear();
    if (m_conn != 0)
        appendBatch(m_source->dataOf(m_conn));
}

void FollowStreamView::appendBatch(const EventBatch& events) {
    if (m_conn == 0)
        return;
    const bool wasAtBottom = verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 1;
    const qint64 hiddenBefore = m_hiddenBytes;
    for (const CaptureEvent& event : events) {
        if (event.kind != EventKind::Data || event.conn != m_conn || event.seq <= m_lastSeq)
            continue;
        m_lastSeq = event.seq;
        appendChunk(event);
    }
    if (hiddenBefore == 0 && m_hiddenBytes > 0) {
        appendNote(tr("[Only the first %1 are shown here; export the session for the rest.]")
                       .arg(formatBytes(kMaxShownBytes)));
    }
    if (wasAtBottom)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void FollowStreamView::appendChunk(const CaptureEvent& event) {
    if (m_shownBytes >= kMaxShownBytes) {
        m_hiddenBytes += event.size;
        return;
    }
    m_shownBytes += event.size;

    // A batch carries only the start of a large chunk; the session has the
    // rest, unless the capture budget dropped it before this batch arrived.
    const std::optional<QByteArray> payload = m_source->fullPayload(event);
    if (!payload) {
        appendNote(tr("[%1 %2: payload dropped under the capture budget]")
                       .arg(formatBytes(event.size),
                            event.dir == Direction::In ? tr("received") : tr("sent")));
        return;
    }
    QTextCharFormat format;
    format.setForeground(directionForeground(palette(), event.dir));
    format.setBackground(directionBackground(palette(), event.dir));
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    // Each chunk starts on its own line, so who said what stays visible
    // even when a chunk does not end with a newline.
    if (!document()->lastBlock().text().isEmpty())
        cursor.insertBlock();
    const QList<QByteArray> lines = payload->split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray& line = lines[i];
        if (i > 0)
            cursor.insertBlock();
        // Peers may send terminal escapes or bidi overrides; the escaped form
        // shows them instead of obeying them.
        cursor.insertText(escapedPreview(line, int(line.size()) * 6 + 16), format);
    }
}

void FollowStreamView::appendNote(const QString& text) {
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertBlock();
    QTextCharFormat format;
    format.setFontItalic(true);
    cursor.insertText(text, format);
}

} // namespace sockscope
