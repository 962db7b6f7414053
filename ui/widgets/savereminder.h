#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"

#include <QObject>

class QWidget;

namespace sockscope {

class ExportAction;

// Knows whether the live session holds connections or traffic that no
// export or recording has saved, and asks before quitting throws them
// away, as a document application asks about unsaved changes.
class SaveReminder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveReminder)
public:
    SaveReminder(ExportAction* exportAction, QWidget* window);

    // Call with every batch the window applies.
    void observe(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    bool hasUnsaved() const { return m_lastSeq > m_savedSeq; }
    // Save… / Discard / Cancel when something is unsaved (Save runs the
    // export dialog); says that open connections will be closed. True if
    // quitting may go on: saved, discarded, or nothing to lose.
    bool confirmQuit(int openConnections);

private:
    ExportAction* m_export = nullptr;
    QWidget* m_window = nullptr;
    quint64 m_lastSeq = 0;  // the newest event about a connection
    quint64 m_savedSeq = 0; // everything up to it is in an export or a recording
};

} // namespace sockscope
