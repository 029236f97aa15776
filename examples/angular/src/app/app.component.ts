import { Component, computed, signal } from '@angular/core';
import type { ChartConfigPatch, GpuReadyEvent } from 'gpu-charts';
import { GPU_CHARTS_DIRECTIVES } from 'gpu-charts/angular';
import { extend, randomWalk } from 'gpu-charts-example-shared';

/**
 * One chart bound to Angular signals: data, config and an indicator change from the buttons.
 * No CUSTOM_ELEMENTS_SCHEMA: the generated directives (one per element, selector = tag) claim the
 * tags, so strictTemplates checks every `[property]` against the element's type.
 */
@Component({
  selector: 'app-root',
  imports: [...GPU_CHARTS_DIRECTIVES],
  template: `
    <main>
      <h1>gpu-charts in Angular</h1>
      <gpu-chart
        style="display: block; width: 800px; height: 400px"
        [data]="data()"
        [config]="config()"
        label="Random walk with a moving average"
        (gpu-ready)="onReady($event)"
        (gpu-viewport-change)="viewportChanges.set(viewportChanges() + 1)"
      >
        <gpu-indicator [type]="indicator()" color="#f97316" [lineWidth]="2"></gpu-indicator>
      </gpu-chart>
      <p>
        <button id="theme" (click)="toggleTheme()">{{ theme() === 'light' ? 'Dark' : 'Light' }} theme</button>
        <button id="append" (click)="data.set(extend(data(), 100))">Add 100 points</button>
        <button id="indicator" (click)="indicator.set(indicator() === 'sma' ? 'ema' : 'sma')">Use {{ indicator() === 'sma' ? 'EMA' : 'SMA' }}</button>
      </p>
      <p>
        Renderer: <output id="renderer">{{ renderer() }}</output> · points: <output id="points">{{ data().time.length }}</output> ·
        viewport changes: <output id="viewport-changes">{{ viewportChanges() }}</output>
      </p>
    </main>
  `,
})
export class AppComponent {
  protected readonly data = signal(randomWalk(500));
  protected readonly theme = signal<'light' | 'dark'>('light');
  protected readonly indicator = signal<'sma' | 'ema'>('sma');
  protected readonly renderer = signal('starting');
  protected readonly viewportChanges = signal(0);
  protected readonly config = computed<ChartConfigPatch>(() => ({ theme: this.theme(), grid: { style: 'dashed' } }));
  protected readonly extend = extend;

  protected toggleTheme(): void {
    this.theme.set(this.theme() === 'light' ? 'dark' : 'light');
  }

  protected onReady(event: GpuReadyEvent): void {
    this.renderer.set(event.detail.renderer);
  }
}
