#include "recordaction.h"

#include "engine/engine.h"
#include "formats/jsonlrecorder.h"
#include "sessionfolder.h"
#include "uilog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include <memory>

namespace sockscope {

RecordAction::RecordAction(Engine* engine, QWidget* parent)
    : QAction(QIcon(QStringLiteral(":/icons/record.svg")), tr("&Record to file…"), parent)
    , m_engine(engine)
    , m_dialogParent(parent) {
    setCheckable(true);
    setToolTip(tr("Write every event to a JSON Lines file while the session runs"));
    setStatusTip(toolTip());
    connect(this, &QAction::triggered, this, &RecordAction::toggle);
}

void RecordAction::startRecording(const QString& path) {
    qCInfo(lcUi) << "recording to" << path;
    setChecked(true);
    m_engine->startRecording(std::make_unique<JsonlRecorder>(path));
}

void RecordAction::stopRecording() {
    qCInfo(lcUi) << "recording stopped";
    setChecked(false);
    m_engine->stopRecording();
}

void RecordAction::observe(const EventBatch& events, const SessionStats& stats) {
    // Only changes count: a batch sent just before the engine saw our start
    // (or stop) still carries the old state.
    if (stats.recordingPath != m_enginePath) {
        m_enginePath = stats.recordingPath;
        setChecked(!m_enginePath.isEmpty());
        if (!m_enginePath.isEmpty())
            Q_EMIT recording(m_enginePath);
    }
    for (const CaptureEvent& e : events) {
        if (e.kind == EventKind::Error && e.error == ErrorCode::RecordFailed) {
            qCWarning(lcUi) << "recording failed:" << e.message;
            setChecked(false);
            Q_EMIT failed(e.message);
        }
    }
}

void RecordAction::toggle(bool checked) {
    if (!checked) {
        stopRecording();
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Record to file"),
        QDir(sessionFolder()).filePath(suggestedSessionFileName(QStringLiteral("jsonl"))),
        tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty()) {
        setChecked(false);
        return;
    }
    rememberSessionFolder(path);
    // The file is JSON Lines whatever it is called; the suffix lets Open find it.
    startRecording(QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".jsonl") : path);
}

} // namespace sockscope
