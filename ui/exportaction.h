#pragma once

#include "formats/sessionexport.h"

#include <QAction>

namespace sockscope {

class CaptureStore;

// File → Export session…: asks for a file and a format, then writes the
// capture store's snapshot. The writing part works without the dialog.
class ExportAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportAction)
public:
    ExportAction(const CaptureStore* store, QWidget* parent);

    bool exportTo(const QString& path, ExportFormat format, QString* error) const;

Q_SIGNALS:
    void exported(const QString& path);

private:
    void run();

    const CaptureStore* m_store = nullptr;
    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
