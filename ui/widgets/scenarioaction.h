#pragma once

#include <QAction>

namespace sockscope {

class Engine;
class ScenarioWindow;

// File → Run scenario…: asks for a scenario file and runs its steps on a
// new connection of the live session, in a ScenarioWindow of its own.
class ScenarioAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioAction)
public:
    ScenarioAction(Engine* engine, QWidget* parent);

    // What the dialog leads to: the window, shown, or null after saying in a
    // message box why the file cannot be used.
    ScenarioWindow* run(const QString& path);

private:
    void chooseFile();

    Engine* m_engine = nullptr;
    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
