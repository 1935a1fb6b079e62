/*
 * idle-window.exe — the memory baseline for helpline-tray.exe (bench/src/windows-footprint.ts):
 * the least a window program can be, built with the tray's compiler flags. It registers a window
 * class (RegisterClassW), makes a hidden top-level window (CreateWindowExW, never shown, as the
 * tray's), and waits in a message loop (GetMessageW) until the window is destroyed. What the tray
 * costs beyond this program's resident memory is the tray's own; the rest is the platform's (under
 * Wine, mostly Wine's own libraries). Failures are written to stderr with GetLastError.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

/* Writes `what` failed (error N) to stderr and returns 1. */
static int fail(const char *what)
{
    char line[128];
    DWORD written;
    int n = wsprintfA(line, "%s failed (error %lu)\r\n", what, GetLastError());
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)n, &written, NULL);
    return 1;
}

static LRESULT CALLBACK windowProc(HWND window, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_DESTROY) {
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProcW(window, message, wParam, lParam);
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR commandLine, int show)
{
    (void)previous, (void)commandLine, (void)show;
    WNDCLASSW windowClass = {.lpfnWndProc = windowProc, .hInstance = instance, .lpszClassName = L"IdleWindow"};
    if (!RegisterClassW(&windowClass)) return fail("RegisterClassW");
    if (!CreateWindowExW(0, L"IdleWindow", L"Idle", WS_OVERLAPPED, 0, 0, 0, 0, NULL, NULL, instance, NULL))
        return fail("CreateWindowExW");
    MSG message;
    while (GetMessageW(&message, NULL, 0, 0) > 0) {
        TranslateMessage(&message);
        DispatchMessageW(&message);
    }
    return 0;
}
