import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadedTools } from '@/components/annotator/picker-loader';
import type { PickerScope } from '@/components/annotator/picker-tools';
import { pickerTools } from '@/components/annotator/tools';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the in-page script’s tools', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are asked for once, however many wait, and given with their stylesheet once', async () => {
    const scope = {} as PickerScope;
    const ask = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementation(async () => {
        scope.__snagPicker = { ...pickerTools, css: '.x{}' };
        return true;
      });
    const onLoad = vi.fn();
    const box = loadedTools(onLoad, scope);
    expect(box.now()).toBeNull();
    const got: unknown[] = [];
    box.use((t) => got.push(t));
    box.use((t) => got.push(t));
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith({ type: 'snagPickerScript' });
    expect(got).toEqual([scope.__snagPicker, scope.__snagPicker]);
    box.use((t) => got.push(t));
    expect(got).toHaveLength(3);
    expect(onLoad.mock.calls).toEqual([[scope.__snagPicker]]);
  });

  it('are found at once when an earlier injection loaded them, and still given once', () => {
    const scope = { __snagPicker: pickerTools } as PickerScope;
    const ask = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const onLoad = vi.fn();
    const box = loadedTools(onLoad, scope);
    const got: unknown[] = [];
    box.use((t) => got.push(t));
    expect(box.now()).toBe(pickerTools);
    expect(got).toEqual([pickerTools]);
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(ask).not.toHaveBeenCalled();
  });

  it('say when they cannot be loaded, and are asked for again next time', async () => {
    const scope = {} as PickerScope;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ask = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('No access'))
      // Answered, but the script left nothing behind.
      .mockResolvedValueOnce(true);
    const box = loadedTools(() => undefined, scope);
    const failed = vi.fn();
    box.use(() => undefined, failed);
    await flush();
    expect(failed).toHaveBeenCalledTimes(1);
    box.use(() => undefined, failed);
    await flush();
    expect(failed).toHaveBeenCalledTimes(2);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
