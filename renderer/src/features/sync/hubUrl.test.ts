import { describe, expect, it } from 'vitest';
import { normalizeHubUrl } from './hubUrl';

describe('normalizeHubUrl (the connect form)', () => {
  it('accepts what agents type and makes it a base URL', () => {
    expect(normalizeHubUrl('http://192.168.1.20:7420')).toBe('http://192.168.1.20:7420');
    expect(normalizeHubUrl(' 192.168.1.20:7420 ')).toBe('http://192.168.1.20:7420');
    expect(normalizeHubUrl('http://192.168.1.20:7420/')).toBe('http://192.168.1.20:7420');
    expect(normalizeHubUrl('https://hub.example.cn/team/')).toBe('https://hub.example.cn/team');
    expect(normalizeHubUrl('HUB-PC:7420')).toBe('http://hub-pc:7420');
  });
  it('refuses what is not an http(s) hub address', () => {
    for (const bad of ['', '   ', 'ftp://192.168.1.20', 'http://', 'http://u:p@192.168.1.20:7420', 'http://192.168.1.20:7420/?x=1', 'http://a b', 'javascript:alert(1)']) {
      expect(normalizeHubUrl(bad), bad).toBeNull();
    }
  });
});

describe('a mistyped scheme', () => {
  it('"http//host" is refused, not read as a host named "http"', () => {
    expect(normalizeHubUrl('http//192.168.1.20:7420')).toBeNull();
  });
});
