#include "savereminder.h"

#include "exportaction.h"

#include <QMessageBox>

namespace sockscope {

SaveReminder::SaveReminder(ExportAction* exportAction, QWidget* window)
    : QObject(window)
    , m_export(exportAction)
    , m_window(window) {
    // The export reads the session as the window has applied it.
    connect(m_export, &ExportAction::exported, this, [this] { m_savedSeq = m_lastSeq; });
}

void SaveReminder::observe(const EventBatch& events, const SessionStats& stats) {
    for (const CaptureEvent& e : events) {
        // A listener alone is not worth a question; what crossed it is.
        if (e.conn != 0 && e.seq != 0)
            m_lastSeq = std::max(m_lastSeq, e.seq);
    }
    // A recording holds the whole session, from before it started too.
    if (!stats.recordingPath.isEmpty())
        m_savedSeq = m_lastSeq;
}

bool SaveReminder::confirmQuit(int openConnections) {
    if (!hasUnsaved())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Quit SockScope"),
                    tr("The captured session has not been saved."), QMessageBox::NoButton,
                    m_window);
    box.setInformativeText(
        openConnections > 0
            ? tr("Save it before quitting? Connections still open: %1; they will be closed.")
                  .arg(openConnections)
            : tr("Save it before quitting?"));
    box.setStandardButtons(QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return m_export->exportInteractively();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

} // namespace sockscope
