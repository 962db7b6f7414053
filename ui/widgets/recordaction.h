#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"

#include <QAction>

namespace sockscope {

class Engine;

// File → Record to file…: the engine streams every event to a JSON Lines
// file while the session runs, so a long capture is not limited by the
// capture budget and survives a crash. Checked while a recording runs,
// whoever started it (--record on the command line, too).
class RecordAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordAction)
public:
    RecordAction(Engine* engine, QWidget* parent);

    // What the dialog leads to; tests call them directly.
    void startRecording(const QString& path);
    void stopRecording();
    // Follows the engine: a recording that starts or ends there checks or
    // unchecks the action; a failure also emits failed().
    void observe(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);

Q_SIGNALS:
    // The engine has the file open and writes to it.
    void recording(const QString& path);
    void failed(const QString& message);

private:
    void toggle(bool checked);

    Engine* m_engine = nullptr;
    QWidget* m_dialogParent = nullptr;
    QString m_enginePath; // what the engine last said it records to
};

} // namespace sockscope
