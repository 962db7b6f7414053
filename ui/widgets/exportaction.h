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
    // Asks for the file and format and exports; false if cancelled. A
    // failure is shown with an offer to export elsewhere, until one works
    // or the person cancels.
    bool exportInteractively();

Q_SIGNALS:
    void exported(const QString& path);

private:
    // The path chosen, with the filter's extension when none was typed;
    // empty if cancelled.
    QString askForPath(const QString& suggested, ExportFormat* format);
    // Shows why the export failed; true if the person wants another path.
    bool offerElsewhere(const QString& path, const QString& error);

    const SessionSource* m_source = nullptr;
    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
