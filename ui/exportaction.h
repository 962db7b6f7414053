#pragma once

#include "formats/sessionexport.h"

#include <QAction>

namespace sockscope {

class SessionSource;

// File → Export session…: asks for a file and a format, then writes every
// event of the window's session. The writing part works without the dialog.
class ExportAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportAction)
public:
    ExportAction(const SessionSource* source, QWidget* parent);

    bool exportTo(const QString& path, ExportFormat format, QString* error) const;
    // Asks for the file and format and exports; false if cancelled or failed
    // (a failure is shown).
    bool exportInteractively();

Q_SIGNALS:
    void exported(const QString& path);

private:
    const SessionSource* m_source = nullptr;
    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
