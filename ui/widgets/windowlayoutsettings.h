#pragma once

#include <QList>
#include <QString>

class QMainWindow;
class QSplitter;

namespace sockscope {

// Remembers a window's geometry, toolbar state and splitter sizes across
// runs, under its own settings group: the live window and the saved-session
// windows each keep their own.
class WindowLayoutSettings final {
public:
    WindowLayoutSettings(QMainWindow* window, QList<QSplitter*> splitters, QString group);

    // False on a first run, which gets a size that fits the screen. Either
    // way the window ends up within its screen's available area.
    bool restore();
    void save() const;

private:
    // Keeps the window, its frame included as far as it is known, within
    // its screen's available area.
    void fitToScreen();
    QString key(const QString& name) const;

    QMainWindow* m_window = nullptr;
    QList<QSplitter*> m_splitters;
    QString m_group;
};

} // namespace sockscope
