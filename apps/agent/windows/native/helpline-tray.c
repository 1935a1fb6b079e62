/*
 * helpline-tray.exe: the Helpline tray icon, one per signed-in user (started by HKLM\...\Run at
 * logon). It holds no helpdesk logic: it connects to the Helpline service's named pipe
 * \\.\pipe\HelplineAgent, says who it claims to be (`hello\t<DOMAIN\user>`; the service checks the
 * claim against the pipe client's token, so a tray can only ever act for its own user), and then
 * does what the agent's lines say:
 *   menu\t<action>\t<label>    the four menu items (labels from the agent)
 *   state\t<0|1>\t<tooltip>    show the icon and register Ctrl+F12, or hide and unregister
 *   open\t<url>                open a page in the user's browser
 *   notify\t<id>\t<title>\t<text>   a balloon notification; a click answers notification-click\t<id>
 *   refused\t<reason>          the service refused the claim
 * After hello it says `locale\t<tag>` (its user's display language, "fr-FR"): the agent sends the
 * menu, tooltip and notifications in the user's language (UTF-8, shown through
 * MultiByteToWideChar), and sends them again when that language changes.
 * It sends `action\t<action>` for a menu item (Create New Ticket and Ctrl+F12 send
 * `action\tadd-ticket\t<base64 PNG of the whole virtual screen>`: the service runs in session 0
 * and cannot see the user's screen).
 *
 * Win32 APIs it relies on, and why:
 *   LoadImageW(IMAGE_ICON, SM_CXSMICON) - the Helpline icon linked in from helpline.rc, at the
 *     small-icon size the notification area uses.
 *   Shell_NotifyIconW (NIM_ADD/MODIFY/DELETE, NIF_INFO, NIN_BALLOONUSERCLICK) - icon, tooltip and
 *     notifications; "TaskbarCreated" (RegisterWindowMessageW) re-adds the icon after Explorer
 *     restarts.
 *   TrackPopupMenu after SetForegroundWindow - the menu closes when the user clicks elsewhere
 *     (documented requirement of TrackPopupMenu for notification icons).
 *   RegisterHotKey(MOD_CONTROL | MOD_NOREPEAT, VK_F12) - Ctrl+F12; failure is logged, the menu stays.
 *   CreateFileW / ReadFile / WriteFile on the pipe with FILE_FLAG_OVERLAPPED - a synchronous handle
 *     serialises I/O per file object, so a pending read would block every write.
 *   GetUserNameExW(NameSamCompatible) - the DOMAIN\user claimed in hello (secur32).
 *   GetUserDefaultUILanguage + LCIDToLocaleName - the user's display language, said after hello.
 *   CreateFileW with SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, GetNamedPipeServerProcessId,
 *     OpenProcessToken(TokenUser), GetNamedPipeServerSessionId - the pipe's server must be the
 *     service (LocalSystem, session 0): a user's fake pipe cannot make this tray open or show things.
 *   GetDC(NULL) + BitBlt(SRCCOPY | CAPTUREBLT) over SM_XVIRTUALSCREEN... - all monitors at once.
 *   WIC (IWICImagingFactory, PNG encoder) on an HGLOBAL stream - PNG without a C runtime library.
 *   ShellExecuteW - opens the URL with the user's default browser, in the user's session.
 * Log: %LOCALAPPDATA%\Helpline\tray.log (UTC timestamps). For the two-user test the claimed profile
 * may be overridden with HELPLINE_TRAY_PROFILE: the service must refuse a claim that is not true.
 */
#define COBJMACROS
#define WIN32_LEAN_AND_MEAN
#define SECURITY_WIN32
#include <windows.h>
#include <shellapi.h>
#include <security.h>
#include <objbase.h>
#include <wincodec.h>

#define HELPLINE_ICON 1 /* the icon resource of helpline.rc */

#define PIPE_NAME L"\\\\.\\pipe\\HelplineAgent"
#define WM_TRAY_LINE (WM_APP + 1)
#define WM_TRAY_DISCONNECTED (WM_APP + 2)
#define WM_TRAY_ICON (WM_APP + 3)
#define HOTKEY_ID 1
#define MENU_FIRST_ID 100
#define MENU_ITEMS 4
#define MAX_LINE (16 * 1024 * 1024)

typedef struct {
  char action[32];
  WCHAR label[128];
} MenuItem;

static HANDLE logFile = INVALID_HANDLE_VALUE;
static CRITICAL_SECTION logLock;
static CRITICAL_SECTION pipeLock;
static HANDLE pipe = INVALID_HANDLE_VALUE;
static HWND window;
static HICON icon;
static UINT taskbarCreated;
static MenuItem menu[MENU_ITEMS];
static int menuCount;
static BOOL active;
static BOOL iconShown;
static BOOL hotkeyRegistered;
static WCHAR tooltip[128] = L"Helpline Helpdesk";
static char lastNotification[64];
static char helloLine[600];
static char localeLine[LOCALE_NAME_MAX_LENGTH + 16];
static volatile LONG refused;

/* One log line: "2026-11-30T23:59:59Z text" (UTC, so it reads the same as the service's log). */
static void logLine(const char *format, ...) {
  char text[1200];
  SYSTEMTIME now;
  va_list args;
  int length;
  DWORD written;
  GetSystemTime(&now);
  length = wsprintfA(text, "%04u-%02u-%02uT%02u:%02u:%02uZ ", now.wYear, now.wMonth, now.wDay, now.wHour,
                     now.wMinute, now.wSecond);
  va_start(args, format);
  length += wvsprintfA(text + length, format, args);
  va_end(args);
  text[length++] = '\r';
  text[length++] = '\n';
  EnterCriticalSection(&logLock);
  if (logFile != INVALID_HANDLE_VALUE) WriteFile(logFile, text, length, &written, NULL);
  LeaveCriticalSection(&logLock);
}

static void openLog(void) {
  WCHAR path[MAX_PATH];
  DWORD length = GetEnvironmentVariableW(L"LOCALAPPDATA", path, MAX_PATH);
  if (length == 0 || length > MAX_PATH - 32) return;
  lstrcatW(path, L"\\Helpline");
  CreateDirectoryW(path, NULL);
  lstrcatW(path, L"\\tray.log");
  logFile = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                        FILE_ATTRIBUTE_NORMAL, NULL);
}

/* UTF-8 to `out`, cut to `capacity` - 1 characters (never blank because too long; no half surrogate pair). */
static void toWide(const char *utf8, WCHAR *out, int capacity) {
  int size = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
  WCHAR *all = size > 0 ? HeapAlloc(GetProcessHeap(), 0, size * sizeof(WCHAR)) : NULL;
  out[0] = 0;
  if (!all) return;
  if (MultiByteToWideChar(CP_UTF8, 0, utf8, -1, all, size) > 0) {
    lstrcpynW(out, all, capacity);
    if (size > capacity && IS_HIGH_SURROGATE(out[capacity - 2])) out[capacity - 2] = 0;
  }
  HeapFree(GetProcessHeap(), 0, all);
}

/* Writes one whole line to the pipe; FALSE when the pipe is gone (the reader reconnects). */
static BOOL sendLine(const char *line, DWORD length) {
  OVERLAPPED overlapped = {0};
  DWORD written = 0;
  BOOL ok = FALSE;
  EnterCriticalSection(&pipeLock);
  if (pipe != INVALID_HANDLE_VALUE) {
    overlapped.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok = WriteFile(pipe, line, length, NULL, &overlapped) || GetLastError() == ERROR_IO_PENDING;
    ok = ok && GetOverlappedResult(pipe, &overlapped, &written, TRUE) && written == length;
    if (!ok) logLine("pipe write failed: error %lu", GetLastError());
    CloseHandle(overlapped.hEvent);
  }
  LeaveCriticalSection(&pipeLock);
  return ok;
}

static const char BASE64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 4648 base64 of `size` bytes into `out` (which holds 4 * ceil(size / 3) bytes); returns its length. */
static DWORD encodeBase64(const BYTE *data, DWORD size, char *out) {
  DWORD i, o = 0;
  for (i = 0; i + 2 < size; i += 3) {
    DWORD v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out[o++] = BASE64[v >> 18];
    out[o++] = BASE64[(v >> 12) & 63];
    out[o++] = BASE64[(v >> 6) & 63];
    out[o++] = BASE64[v & 63];
  }
  if (i < size) {
    DWORD v = data[i] << 16 | (i + 1 < size ? data[i + 1] << 8 : 0);
    out[o++] = BASE64[v >> 18];
    out[o++] = BASE64[(v >> 12) & 63];
    out[o++] = i + 1 < size ? BASE64[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return o;
}

/* PNG-encodes a top-down 32 bpp BGRA bitmap with WIC into an HGLOBAL stream; NULL on failure. */
static IStream *encodePng(const BYTE *pixels, UINT width, UINT height) {
  IWICImagingFactory *factory = NULL;
  IWICBitmapEncoder *encoder = NULL;
  IWICBitmapFrameEncode *frame = NULL;
  IStream *stream = NULL;
  WICPixelFormatGUID format = GUID_WICPixelFormat32bppBGRA;
  HRESULT hr = CoCreateInstance(&CLSID_WICImagingFactory, NULL, CLSCTX_INPROC_SERVER, &IID_IWICImagingFactory,
                                (void **)&factory);
  if (SUCCEEDED(hr)) hr = CreateStreamOnHGlobal(NULL, TRUE, &stream);
  if (SUCCEEDED(hr)) hr = IWICImagingFactory_CreateEncoder(factory, &GUID_ContainerFormatPng, NULL, &encoder);
  if (SUCCEEDED(hr)) hr = IWICBitmapEncoder_Initialize(encoder, stream, WICBitmapEncoderNoCache);
  if (SUCCEEDED(hr)) hr = IWICBitmapEncoder_CreateNewFrame(encoder, &frame, NULL);
  if (SUCCEEDED(hr)) hr = IWICBitmapFrameEncode_Initialize(frame, NULL);
  if (SUCCEEDED(hr)) hr = IWICBitmapFrameEncode_SetSize(frame, width, height);
  if (SUCCEEDED(hr)) hr = IWICBitmapFrameEncode_SetPixelFormat(frame, &format);
  if (SUCCEEDED(hr))
    hr = IWICBitmapFrameEncode_WritePixels(frame, height, width * 4, width * height * 4, (BYTE *)pixels);
  if (SUCCEEDED(hr)) hr = IWICBitmapFrameEncode_Commit(frame);
  if (SUCCEEDED(hr)) hr = IWICBitmapEncoder_Commit(encoder);
  if (FAILED(hr)) logLine("PNG encoding failed: HRESULT 0x%08lx", (unsigned long)hr);
  if (frame) IWICBitmapFrameEncode_Release(frame);
  if (encoder) IWICBitmapEncoder_Release(encoder);
  if (factory) IWICImagingFactory_Release(factory);
  if (FAILED(hr) && stream) {
    IStream_Release(stream);
    stream = NULL;
  }
  return stream;
}

/*
 * The whole virtual screen (every monitor) as a PNG in an HGLOBAL stream, or NULL. CAPTUREBLT
 * includes layered windows, as the user sees them.
 */
static IStream *captureScreen(void) {
  int x = GetSystemMetrics(SM_XVIRTUALSCREEN), y = GetSystemMetrics(SM_YVIRTUALSCREEN);
  int width = GetSystemMetrics(SM_CXVIRTUALSCREEN), height = GetSystemMetrics(SM_CYVIRTUALSCREEN);
  BITMAPINFO info = {0};
  void *pixels = NULL;
  IStream *png = NULL;
  HDC screen, memory;
  HBITMAP bitmap;
  HGDIOBJ previous;
  if (width <= 0 || height <= 0) {
    logLine("screenshot: no virtual screen (error %lu)", GetLastError());
    return NULL;
  }
  screen = GetDC(NULL);
  memory = CreateCompatibleDC(screen);
  info.bmiHeader.biSize = sizeof(info.bmiHeader);
  info.bmiHeader.biWidth = width;
  info.bmiHeader.biHeight = -height; /* negative: top-down rows, the order WIC expects */
  info.bmiHeader.biPlanes = 1;
  info.bmiHeader.biBitCount = 32;
  info.bmiHeader.biCompression = BI_RGB;
  bitmap = CreateDIBSection(screen, &info, DIB_RGB_COLORS, &pixels, NULL, 0);
  if (!screen || !memory || !bitmap) {
    logLine("screenshot: GDI objects unavailable (error %lu)", GetLastError());
  } else {
    previous = SelectObject(memory, bitmap);
    if (BitBlt(memory, 0, 0, width, height, screen, x, y, SRCCOPY | CAPTUREBLT)) {
      int i;
      GdiFlush();
      /* Screen DIBs leave the alpha byte at 0; make every pixel opaque. */
      for (i = 0; i < width * height; i++) ((BYTE *)pixels)[i * 4 + 3] = 255;
      png = encodePng(pixels, width, height);
    } else {
      logLine("screenshot: BitBlt failed (error %lu)", GetLastError());
    }
    SelectObject(memory, previous);
  }
  if (bitmap) DeleteObject(bitmap);
  if (memory) DeleteDC(memory);
  if (screen) ReleaseDC(NULL, screen);
  return png;
}

/* Create New Ticket: `action\tadd-ticket\t<base64 PNG>`, or without the image when capture failed. */
static void sendAddTicket(void) {
  static const char prefix[] = "action\tadd-ticket";
  IStream *png = captureScreen();
  HGLOBAL memory = NULL;
  STATSTG stat;
  if (png && SUCCEEDED(GetHGlobalFromStream(png, &memory)) && SUCCEEDED(IStream_Stat(png, &stat, STATFLAG_NONAME))) {
    DWORD size = stat.cbSize.LowPart;
    DWORD capacity = sizeof(prefix) + 4 * ((size + 2) / 3) + 2;
    char *line = capacity < MAX_LINE ? HeapAlloc(GetProcessHeap(), 0, capacity) : NULL;
    const BYTE *bytes = GlobalLock(memory);
    if (line && bytes) {
      DWORD length = sizeof(prefix) - 1;
      CopyMemory(line, prefix, length);
      line[length++] = '\t';
      length += encodeBase64(bytes, size, line + length);
      line[length++] = '\n';
      logLine("screenshot taken: %lu bytes of PNG", size);
      sendLine(line, length);
    } else {
      logLine("screenshot too large or out of memory (%lu bytes): sending without it", size);
      sendLine("action\tadd-ticket\n", 18);
    }
    if (bytes) GlobalUnlock(memory);
    if (line) HeapFree(GetProcessHeap(), 0, line);
  } else {
    sendLine("action\tadd-ticket\n", 18);
  }
  if (png) IStream_Release(png);
}

static void chooseAction(const char *action) {
  char line[64];
  logLine("chosen: %s", action);
  if (lstrcmpA(action, "add-ticket") == 0) {
    sendAddTicket();
    return;
  }
  sendLine(line, wsprintfA(line, "action\t%s\n", action));
}

static void fillIcon(NOTIFYICONDATAW *data, UINT flags) {
  ZeroMemory(data, sizeof(*data));
  data->cbSize = sizeof(*data);
  data->hWnd = window;
  data->uID = 1;
  data->uFlags = flags;
  data->uCallbackMessage = WM_TRAY_ICON;
  data->hIcon = icon;
  lstrcpynW(data->szTip, tooltip, ARRAYSIZE(data->szTip));
}

/* Shows or hides the icon and the hotkey so they follow the agent's state for this profile. */
static void applyState(BOOL on) {
  NOTIFYICONDATAW data;
  if (on && !iconShown) {
    fillIcon(&data, NIF_ICON | NIF_TIP | NIF_MESSAGE);
    iconShown = Shell_NotifyIconW(NIM_ADD, &data);
    if (iconShown) logLine("icon shown");
    else logLine("Shell_NotifyIconW(NIM_ADD) failed: error %lu", GetLastError());
  } else if (on) {
    fillIcon(&data, NIF_TIP);
    if (!Shell_NotifyIconW(NIM_MODIFY, &data)) logLine("Shell_NotifyIconW(NIM_MODIFY) failed: error %lu", GetLastError());
  } else if (iconShown) {
    fillIcon(&data, 0);
    Shell_NotifyIconW(NIM_DELETE, &data);
    iconShown = FALSE;
    logLine("icon hidden");
  }
  if (on && !hotkeyRegistered) {
    hotkeyRegistered = RegisterHotKey(window, HOTKEY_ID, MOD_CONTROL | MOD_NOREPEAT, VK_F12);
    if (hotkeyRegistered) logLine("Ctrl+F12 registered");
    else logLine("RegisterHotKey(Ctrl+F12) failed: error %lu (another program owns it); the menu still works",
                 GetLastError());
  } else if (!on && hotkeyRegistered) {
    UnregisterHotKey(window, HOTKEY_ID);
    hotkeyRegistered = FALSE;
  }
  active = on;
}

static void showNotification(const char *id, const char *title, const char *text) {
  NOTIFYICONDATAW data;
  if (!iconShown) {
    logLine("notification %s not shown: the icon is hidden", id);
    return;
  }
  fillIcon(&data, NIF_INFO);
  toWide(title, data.szInfoTitle, ARRAYSIZE(data.szInfoTitle));
  toWide(text, data.szInfo, ARRAYSIZE(data.szInfo));
  data.dwInfoFlags = NIIF_INFO;
  lstrcpynA(lastNotification, id, sizeof(lastNotification));
  if (Shell_NotifyIconW(NIM_MODIFY, &data)) logLine("notification shown: %s", id);
  else logLine("Shell_NotifyIconW(NIF_INFO) failed: error %lu", GetLastError());
}

static void openUrl(const char *url) {
  int size = MultiByteToWideChar(CP_UTF8, 0, url, -1, NULL, 0);
  WCHAR *wide;
  HINSTANCE result;
  /* Exactly these schemes: ShellExecuteW would also run a file path or any registered protocol handler. */
  if (size <= 0 || size > 8192 ||
      (CompareStringA(LOCALE_INVARIANT, NORM_IGNORECASE, url, 7, "http://", 7) != CSTR_EQUAL &&
       CompareStringA(LOCALE_INVARIANT, NORM_IGNORECASE, url, 8, "https://", 8) != CSTR_EQUAL)) {
    logLine("not opening an address that is not http:// or https://");
    return;
  }
  wide = HeapAlloc(GetProcessHeap(), 0, size * sizeof(WCHAR));
  MultiByteToWideChar(CP_UTF8, 0, url, -1, wide, size);
  logLine("opening %s", url);
  result = ShellExecuteW(NULL, L"open", wide, NULL, NULL, SW_SHOWNORMAL);
  if ((INT_PTR)result <= 32) logLine("ShellExecuteW failed: %d (error %lu)", (int)(INT_PTR)result, GetLastError());
  HeapFree(GetProcessHeap(), 0, wide);
}

/* Splits `line` at tabs in place into at most `max` fields; returns how many. */
static int splitFields(char *line, char **fields, int max) {
  int count = 1;
  fields[0] = line;
  for (; *line && count < max; line++)
    if (*line == '\t') {
      *line = 0;
      fields[count++] = line + 1;
    }
  return count;
}

static void handleLine(char *line) {
  char *f[4];
  int n = splitFields(line, f, 4);
  if (lstrcmpA(f[0], "menu") == 0 && n == 3) {
    int i;
    for (i = 0; i < menuCount && lstrcmpA(menu[i].action, f[1]) != 0; i++)
      ;
    if (i == menuCount && menuCount < MENU_ITEMS) menuCount++;
    if (i < MENU_ITEMS) {
      lstrcpynA(menu[i].action, f[1], sizeof(menu[i].action));
      toWide(f[2], menu[i].label, ARRAYSIZE(menu[i].label));
    }
  } else if (lstrcmpA(f[0], "state") == 0 && n >= 2) {
    if (n == 3 && f[2][0]) toWide(f[2], tooltip, ARRAYSIZE(tooltip));
    applyState(f[1][0] == '1');
  } else if (lstrcmpA(f[0], "open") == 0 && n == 2) {
    openUrl(f[1]);
  } else if (lstrcmpA(f[0], "notify") == 0 && n == 4) {
    showNotification(f[1], f[2], f[3]);
  } else if (lstrcmpA(f[0], "refused") == 0) {
    logLine("refused by the Helpline service: %s", n > 1 ? f[1] : "(no reason)");
  } else {
    logLine("ignored a line it does not know: %.40s", f[0]);
  }
}

static void showMenu(void) {
  HMENU popup = CreatePopupMenu();
  POINT at;
  int i;
  if (!popup) {
    logLine("CreatePopupMenu failed: error %lu", GetLastError());
    return;
  }
  for (i = 0; i < menuCount; i++) AppendMenuW(popup, MF_STRING, MENU_FIRST_ID + i, menu[i].label);
  GetCursorPos(&at);
  /* Without the foreground the menu would not close when the user clicks elsewhere. */
  SetForegroundWindow(window);
  logLine("menu opened");
  i = TrackPopupMenu(popup, TPM_RIGHTBUTTON | TPM_RETURNCMD | TPM_NONOTIFY, at.x, at.y, 0, window, NULL);
  PostMessageW(window, WM_NULL, 0, 0);
  DestroyMenu(popup);
  if (i >= MENU_FIRST_ID && i < MENU_FIRST_ID + menuCount) chooseAction(menu[i - MENU_FIRST_ID].action);
}

static LRESULT CALLBACK windowProc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam) {
  if (message == WM_TRAY_LINE) {
    handleLine((char *)lParam);
    HeapFree(GetProcessHeap(), 0, (void *)lParam);
    return 0;
  }
  if (message == WM_TRAY_DISCONNECTED) {
    applyState(FALSE);
    menuCount = 0;
    return 0;
  }
  if (message == WM_TRAY_ICON) {
    if (lParam == WM_RBUTTONUP || lParam == WM_CONTEXTMENU) {
      showMenu();
    } else if ((lParam == NIN_BALLOONUSERCLICK || lParam == WM_LBUTTONUP) && lastNotification[0]) {
      /* A left click on the icon also opens the last reply: the balloon may be gone by the time
         the user looks, and Wine's balloon does not report clicks at all. */
      char line[96];
      logLine("notification clicked: %s", lastNotification);
      sendLine(line, wsprintfA(line, "notification-click\t%s\n", lastNotification));
      lastNotification[0] = 0;
    }
    return 0;
  }
  if (message == WM_HOTKEY && wParam == HOTKEY_ID) {
    logLine("Ctrl+F12 pressed");
    if (active) chooseAction("add-ticket");
    return 0;
  }
  if (message == taskbarCreated && taskbarCreated) {
    iconShown = FALSE; /* Explorer restarted and forgot the icon */
    if (active) applyState(TRUE);
    return 0;
  }
  if (message == WM_DESTROY) {
    applyState(FALSE);
    PostQuitMessage(0);
    return 0;
  }
  return DefWindowProcW(hwnd, message, wParam, lParam);
}

/* TRUE when `sid` is LocalSystem or the user this tray runs as. */
static BOOL isSystemOrMe(PSID sid) {
  HANDLE token;
  BYTE buffer[256];
  DWORD length;
  BOOL me = FALSE;
  if (IsWellKnownSid(sid, WinLocalSystemSid)) return TRUE;
  if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
    if (GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &length))
      me = EqualSid(sid, ((TOKEN_USER *)buffer)->User.Sid);
    CloseHandle(token);
  }
  return me;
}

/*
 * TRUE when the pipe's server is the Helpline service: while the service is stopped any user
 * could create \\.\pipe\HelplineAgent and tell this tray what to open or show. The server
 * process (GetNamedPipeServerProcessId) must run as LocalSystem — or as this tray's own user, who
 * could do all that anyway (the service's --console mode in tests). When its token cannot be read
 * (a standard user may not open a SYSTEM process's token), the server must be in session 0
 * (GetNamedPipeServerSessionId), where only services run.
 */
static BOOL servedByTheService(HANDLE handle) {
  ULONG pid = 0, session = 0;
  HANDLE process, token = NULL;
  BYTE buffer[256];
  DWORD length;
  if (!GetNamedPipeServerProcessId(handle, &pid)) {
    logLine("GetNamedPipeServerProcessId failed: error %lu", GetLastError());
    return FALSE;
  }
  process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
  if (process && OpenProcessToken(process, TOKEN_QUERY, &token) &&
      GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &length)) {
    BOOL trusted = isSystemOrMe(((TOKEN_USER *)buffer)->User.Sid);
    if (!trusted) logLine("the pipe's server (process %lu) runs as another user: not the Helpline service", pid);
    CloseHandle(token);
    CloseHandle(process);
    return trusted;
  }
  logLine("the pipe server's user is not readable (error %lu): checking its session", GetLastError());
  if (token) CloseHandle(token);
  if (process) CloseHandle(process);
  if (!GetNamedPipeServerSessionId(handle, &session)) {
    logLine("GetNamedPipeServerSessionId failed: error %lu", GetLastError());
    return FALSE;
  }
  if (session != 0) logLine("the pipe's server (process %lu) is in session %lu: not the Helpline service", pid, session);
  return session == 0;
}

/*
 * Opens the pipe and says hello; INVALID_HANDLE_VALUE when the service is not there yet or the
 * pipe is not served by it. SECURITY_IDENTIFICATION: the server may learn who this user is
 * (the service's check) but not act as them.
 */
static HANDLE connectPipe(void) {
  HANDLE handle = CreateFileW(PIPE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL);
  DWORD error = GetLastError();
  if (handle == INVALID_HANDLE_VALUE) {
    if (error == ERROR_PIPE_BUSY) WaitNamedPipeW(PIPE_NAME, 2000);
    else if (error != ERROR_FILE_NOT_FOUND) logLine("CreateFileW(pipe) failed: error %lu", error);
    return INVALID_HANDLE_VALUE;
  }
  if (!servedByTheService(handle)) {
    CloseHandle(handle);
    return INVALID_HANDLE_VALUE;
  }
  EnterCriticalSection(&pipeLock);
  pipe = handle;
  LeaveCriticalSection(&pipeLock);
  logLine("connected to the Helpline service");
  if (!sendLine(helloLine, lstrlenA(helloLine))) return INVALID_HANDLE_VALUE;
  if (localeLine[0] && !sendLine(localeLine, lstrlenA(localeLine))) return INVALID_HANDLE_VALUE;
  return handle;
}

/* Reads lines until the pipe breaks, posting each to the window (which frees it). */
static void readLines(HANDLE handle) {
  DWORD capacity = 65536, used = 0, got;
  char *buffer = HeapAlloc(GetProcessHeap(), 0, capacity);
  OVERLAPPED overlapped = {0};
  overlapped.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  for (;;) {
    DWORD start, i;
    if (used == capacity) {
      char *bigger;
      if (capacity >= MAX_LINE) {
        logLine("a line from the service is longer than 16 MiB: disconnecting");
        break;
      }
      bigger = HeapReAlloc(GetProcessHeap(), 0, buffer, capacity * 2);
      if (!bigger) break;
      buffer = bigger;
      capacity *= 2;
    }
    ResetEvent(overlapped.hEvent);
    if (!ReadFile(handle, buffer + used, capacity - used, NULL, &overlapped) && GetLastError() != ERROR_IO_PENDING) break;
    if (!GetOverlappedResult(handle, &overlapped, &got, TRUE)) {
      if (GetLastError() == ERROR_MORE_DATA) got = capacity - used;
      else break;
    }
    if (got == 0) continue;
    start = 0;
    for (i = used; i < used + got; i++) {
      if (buffer[i] == '\n') {
        DWORD length = i - start;
        char *line = HeapAlloc(GetProcessHeap(), 0, length + 1);
        if (length && buffer[i - 1] == '\r') length--;
        CopyMemory(line, buffer + start, length);
        line[length] = 0;
        /* Noted here, not in the window: the service closes right after, and the retry delay depends on it. */
        if (length >= 7 && CompareStringA(LOCALE_INVARIANT, 0, line, 7, "refused", 7) == CSTR_EQUAL)
          InterlockedExchange(&refused, 1);
        PostMessageW(window, WM_TRAY_LINE, 0, (LPARAM)line);
        start = i + 1;
      }
    }
    used += got;
    MoveMemory(buffer, buffer + start, used - start);
    used -= start;
  }
  logLine("disconnected from the Helpline service (error %lu)", GetLastError());
  CloseHandle(overlapped.hEvent);
  HeapFree(GetProcessHeap(), 0, buffer);
}

/* Connects, reads, and on loss reconnects with backoff 1, 2, 4 ... 30 s (60 s after a refusal). */
static DWORD WINAPI pipeThread(void *unused) {
  DWORD delay = 1000;
  BOOL waitingLogged = FALSE;
  (void)unused;
  for (;;) {
    HANDLE handle = connectPipe();
    if (handle != INVALID_HANDLE_VALUE) {
      delay = 1000;
      waitingLogged = FALSE;
      readLines(handle);
      EnterCriticalSection(&pipeLock);
      pipe = INVALID_HANDLE_VALUE;
      CloseHandle(handle);
      LeaveCriticalSection(&pipeLock);
      PostMessageW(window, WM_TRAY_DISCONNECTED, 0, 0);
    } else if (!waitingLogged) {
      logLine("waiting for the Helpline service's pipe");
      waitingLogged = TRUE;
    }
    Sleep(InterlockedExchange(&refused, 0) ? 60000 : delay);
    if (delay < 30000) delay *= 2;
  }
  return 0;
}

/*
 * locale\t<tag>\n: this user's Windows display language as a BCP 47 tag ("fr-FR"), from
 * GetUserDefaultUILanguage and LCIDToLocaleName; the agent speaks it until the server decides
 * otherwise. Left empty (nothing sent) when Windows cannot name it.
 */
static void buildLocale(void) {
  WCHAR name[LOCALE_NAME_MAX_LENGTH];
  int length;
  localeLine[0] = 0;
  if (!LCIDToLocaleName(MAKELCID(GetUserDefaultUILanguage(), SORT_DEFAULT), name, ARRAYSIZE(name), 0)) {
    logLine("LCIDToLocaleName(GetUserDefaultUILanguage) failed: error %lu", GetLastError());
    return;
  }
  length = wsprintfA(localeLine, "locale\t");
  length += WideCharToMultiByte(CP_UTF8, 0, name, -1, localeLine + length, sizeof(localeLine) - length - 2, NULL, NULL) - 1;
  localeLine[length] = 0;
  logLine("display language %s", localeLine + 7);
  localeLine[length++] = '\n';
  localeLine[length] = 0;
}

/* hello\t<DOMAIN\user>\n: GetUserNameExW(NameSamCompatible), or HELPLINE_TRAY_PROFILE for tests. */
static BOOL buildHello(void) {
  WCHAR name[256];
  ULONG size = ARRAYSIZE(name);
  int length;
  if (!GetEnvironmentVariableW(L"HELPLINE_TRAY_PROFILE", name, ARRAYSIZE(name)) &&
      !GetUserNameExW(NameSamCompatible, name, &size)) {
    logLine("GetUserNameExW(NameSamCompatible) failed: error %lu", GetLastError());
    return FALSE;
  }
  length = wsprintfA(helloLine, "hello\t");
  length += WideCharToMultiByte(CP_UTF8, 0, name, -1, helloLine + length, sizeof(helloLine) - length - 2, NULL, NULL) - 1;
  helloLine[length] = 0;
  logLine("claiming profile %s", helloLine + 6);
  helloLine[length++] = '\n';
  helloLine[length] = 0;
  return TRUE;
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR commandLine, int show) {
  WNDCLASSW windowClass = {0};
  MSG message;
  HRESULT hr;
  (void)previous;
  (void)commandLine;
  (void)show;
  InitializeCriticalSection(&logLock);
  InitializeCriticalSection(&pipeLock);
  openLog();
  logLine("helpline-tray started (process %lu)", GetCurrentProcessId());
  hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
  if (FAILED(hr)) logLine("CoInitializeEx failed: HRESULT 0x%08lx (screenshots will be missing)", (unsigned long)hr);
  if (!buildHello()) return 1;
  buildLocale();
  windowClass.lpfnWndProc = windowProc;
  windowClass.hInstance = instance;
  windowClass.lpszClassName = L"HelplineTray";
  if (!RegisterClassW(&windowClass)) {
    logLine("RegisterClassW failed: error %lu", GetLastError());
    return 1;
  }
  /* A hidden top-level window (not message-only): it must receive the TaskbarCreated broadcast. */
  window = CreateWindowExW(0, L"HelplineTray", L"Helpline", WS_OVERLAPPED, 0, 0, 0, 0, NULL, NULL, instance, NULL);
  if (!window) {
    logLine("CreateWindowExW failed: error %lu", GetLastError());
    return 1;
  }
  /* The small-icon size the shell asks for (16 px at 100 %), picked from the .ico's 16/32/48. */
  icon = LoadImageW(instance, MAKEINTRESOURCEW(HELPLINE_ICON), IMAGE_ICON, GetSystemMetrics(SM_CXSMICON),
                    GetSystemMetrics(SM_CYSMICON), LR_DEFAULTCOLOR);
  if (!icon) {
    logLine("LoadImageW(the Helpline icon) failed: error %lu; using the stock application icon", GetLastError());
    icon = LoadIconW(NULL, (LPCWSTR)IDI_APPLICATION);
  }
  taskbarCreated = RegisterWindowMessageW(L"TaskbarCreated");
  if (!CreateThread(NULL, 0, pipeThread, NULL, 0, NULL)) {
    logLine("CreateThread failed: error %lu", GetLastError());
    return 1;
  }
  while (GetMessageW(&message, NULL, 0, 0) > 0) {
    TranslateMessage(&message);
    DispatchMessageW(&message);
  }
  CoUninitialize();
  return 0;
}
